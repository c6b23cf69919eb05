/**
 * @module The doctor's broker checks, from one probe of the account (adapters/alpaca/probe-broker.ts) and one
 * market-data read: credentials accepted, account status, paper or live (said loudly), clock skew between this box
 * and the broker, the data feed, and the rate-limit headroom against the client's own throttle.
 */
import type { BrokerProbe, RateLimit } from '../../domain/diagnostics.ts';
import { checksOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('broker');

export type TradingKind = 'live' | 'paper' | 'simulator';

/** Live is Alpaca's live host; paper its paper host; anything else (the simulator, a proxy) is neither. */
export function tradingKindOf(endpoint: string): TradingKind {
  const host = new URL(endpoint).hostname;
  if (host === 'api.alpaca.markets') return 'live';
  if (host === 'paper-api.alpaca.markets') return 'paper';
  return 'simulator';
}

/** cron fires on this box's clock: past a few seconds the 09:35 entries leave late (or early); past a minute, wrong. */
export const SKEW_WARN_MS = 2_000;
export const SKEW_FAIL_MS = 60_000;

export function skewCheck(skewMs: number | null): DoctorCheck {
  if (skewMs === null)
    return c.warn(
      'broker.clock_skew',
      'the broker sent no Date header: skew unknown',
      'check the box keeps time: timedatectl status (NTP synchronized: yes)',
    );
  const seconds = `${skewMs >= 0 ? '+' : '-'}${(Math.abs(skewMs) / 1000).toFixed(1)} s (broker minus this box, ±1 s)`;
  const fix = "sync this box's clock: sudo timedatectl set-ntp true (or install chrony)";
  if (Math.abs(skewMs) > SKEW_FAIL_MS)
    return c.fail(
      'broker.clock_skew',
      `clock skew ${seconds}: cron would run the jobs at the wrong New York times`,
      fix,
    );
  if (Math.abs(skewMs) > SKEW_WARN_MS)
    return c.warn('broker.clock_skew', `clock skew ${seconds}`, fix);
  return c.ok('broker.clock_skew', `clock skew ${seconds}`);
}

/** Below this share of the minute's budget left, the daemon's protective orders could queue behind a job's reads. */
export const HEADROOM_WARN = 0.2;

export function rateLimitCheck(rate: RateLimit | null, requestsPerMinute: number): DoctorCheck {
  if (rate === null)
    return c.warn(
      'broker.rate_limit',
      `the broker sent no X-RateLimit headers: headroom unknown (the client keeps to ${requestsPerMinute}/min)`,
    );
  const line = `${rate.remaining} of ${rate.limit} requests left this minute; the client keeps to ${requestsPerMinute}/min (broker.requests_per_minute)`;
  if (requestsPerMinute > rate.limit)
    return c.fail(
      'broker.rate_limit',
      line,
      `lower broker.requests_per_minute in config/config.yaml to ${rate.limit} or less`,
    );
  if (rate.remaining < rate.limit * HEADROOM_WARN)
    return c.warn(
      'broker.rate_limit',
      `${line}: another client on these keys is using most of the budget`,
      'stop other programs using these API keys, or give strikeline its own keys',
    );
  return c.ok('broker.rate_limit', line);
}

export function modeCheck(endpoint: string): DoctorCheck {
  switch (tradingKindOf(endpoint)) {
    case 'live':
      return c.ok('broker.mode', `LIVE TRADING, REAL MONEY: ${endpoint}`);
    case 'paper':
      return c.ok('broker.mode', `paper trading (no real money): ${endpoint}`);
    case 'simulator':
      return c.ok(
        'broker.mode',
        `neither Alpaca host (the simulator or a proxy), no real money: ${endpoint}`,
      );
  }
}

export interface BrokerFacts {
  readonly endpoint: string;
  readonly probe: BrokerProbe;
  /** The data feed's answer: the number of symbols priced, or why it failed. */
  readonly marketData:
    | { readonly ok: true; readonly feed: string; readonly dataEndpoint: string }
    | {
        readonly ok: false;
        readonly feed: string;
        readonly dataEndpoint: string;
        readonly error: string;
      };
  readonly requestsPerMinute: number;
}

export function brokerChecks(f: BrokerFacts): DoctorCheck[] {
  const mode = modeCheck(f.endpoint);
  const data = f.marketData.ok
    ? c.ok(
        'broker.market_data',
        `${f.marketData.feed} feed answered at ${f.marketData.dataEndpoint}`,
      )
    : c.fail(
        'broker.market_data',
        `${f.marketData.feed} feed at ${f.marketData.dataEndpoint}: ${f.marketData.error}`,
        f.marketData.feed === 'sip'
          ? 'SIP needs a paid data plan: set broker.data_feed: iex, or subscribe'
          : 'check ALPACA_DATA_ENDPOINT and the network',
      );
  const p = f.probe;
  if (p.kind === 'unreachable') {
    const why = `the broker at ${f.endpoint} is unreachable`;
    return [
      c.fail(
        'broker.credentials',
        `${why}: ${p.error}`,
        'check ALPACA_ENDPOINT, DNS and the network (curl -sI the endpoint)',
      ),
      c.notChecked('broker.account', why),
      mode,
      c.notChecked('broker.clock_skew', why),
      data,
      c.notChecked('broker.rate_limit', why),
    ];
  }
  if (p.kind === 'refused') {
    const refused = p.httpStatus === 401 || p.httpStatus === 403;
    const why = refused
      ? `the broker refused the credentials (HTTP ${p.httpStatus})`
      : `the broker answered HTTP ${p.httpStatus}: ${p.message}`;
    const fix = refused
      ? `use the key pair of a ${tradingKindOf(f.endpoint)} account (paper and live keys differ) in ALPACA_API_KEY / ALPACA_SECRET_KEY`
      : 'try again; if it persists, see https://status.alpaca.markets';
    return [
      c.fail('broker.credentials', why, fix),
      c.notChecked('broker.account', why),
      mode,
      c.notChecked('broker.clock_skew', why),
      data,
      c.notChecked('broker.rate_limit', why),
    ];
  }
  const a = p.account;
  const blocked = [
    ...(a.accountBlocked ? ['account blocked'] : []),
    ...(a.tradingBlocked ? ['trading blocked'] : []),
  ];
  const account =
    a.status === 'ACTIVE' && blocked.length === 0
      ? c.ok('broker.account', `account ACTIVE, ${a.currency}`)
      : c.fail(
          'broker.account',
          `account ${a.status}${blocked.length > 0 ? `, ${blocked.join(', ')}` : ''}: no order will be accepted`,
          'see the account page on alpaca.markets (or contact Alpaca support)',
        );
  return [
    c.ok('broker.credentials', `credentials accepted by ${f.endpoint}`),
    account,
    mode,
    skewCheck(p.skewMs),
    data,
    rateLimitCheck(p.rateLimit, f.requestsPerMinute),
  ];
}
