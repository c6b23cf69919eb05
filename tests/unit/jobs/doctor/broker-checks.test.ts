/** The doctor's broker checks from a probe's answer: each failing case with its fix, and paper / live said plainly. */
import { describe, expect, it } from 'vitest';
import type { BrokerProbe } from '../../../../src/adapters/alpaca/probe-broker.ts';
import {
  brokerChecks,
  rateLimitCheck,
  skewCheck,
  tradingKindOf,
  type BrokerFacts,
} from '../../../../src/jobs/doctor/broker-checks.ts';

const answered = (over: Partial<Extract<BrokerProbe, { kind: 'answered' }>> = {}): BrokerProbe => ({
  kind: 'answered',
  skewMs: 300,
  rateLimit: { limit: 200, remaining: 190 },
  account: { status: 'ACTIVE', tradingBlocked: false, accountBlocked: false, currency: 'USD' },
  ...over,
});
const facts = (probe: BrokerProbe, endpoint = 'https://paper-api.alpaca.markets'): BrokerFacts => ({
  endpoint,
  probe,
  marketData: { ok: true, feed: 'iex', dataEndpoint: 'https://data.alpaca.markets' },
  requestsPerMinute: 200,
});
const byId = (checks: ReturnType<typeof brokerChecks>) =>
  Object.fromEntries(checks.map((k) => [k.id, k]));

describe('brokerChecks', () => {
  it('paper, live and anything else', () => {
    expect(tradingKindOf('https://api.alpaca.markets')).toBe('live');
    expect(tradingKindOf('https://paper-api.alpaca.markets')).toBe('paper');
    expect(tradingKindOf('http://127.0.0.1:8787')).toBe('simulator');
    expect(
      byId(brokerChecks(facts(answered(), 'https://api.alpaca.markets')))['broker.mode']?.summary,
    ).toBe('LIVE TRADING, REAL MONEY: https://api.alpaca.markets');
  });

  it('a healthy account: every check ok', () => {
    expect(brokerChecks(facts(answered())).map((k) => k.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('a blocked or inactive account fails', () => {
    const blocked = byId(
      brokerChecks(
        facts(
          answered({
            account: {
              status: 'ACCOUNT_CLOSED',
              tradingBlocked: true,
              accountBlocked: false,
              currency: 'USD',
            },
          }),
        ),
      ),
    );
    expect(blocked['broker.account']).toMatchObject({
      status: 'fail',
      summary: 'account ACCOUNT_CLOSED, trading blocked: no order will be accepted',
    });
  });

  it('unreachable and refused: credentials fail, what needs an answer is not checked, the mode is still said', () => {
    const down = byId(
      brokerChecks(facts({ kind: 'unreachable', error: 'fetch failed: ECONNREFUSED' })),
    );
    expect(down['broker.credentials']).toMatchObject({
      status: 'fail',
      summary:
        'the broker at https://paper-api.alpaca.markets is unreachable: fetch failed: ECONNREFUSED',
    });
    expect(down['broker.clock_skew']?.summary).toMatch(/^not checked/);
    expect(down['broker.mode']?.status).toBe('ok');
    const refused = byId(
      brokerChecks(
        facts(
          { kind: 'refused', httpStatus: 401, message: 'unauthorized' },
          'https://api.alpaca.markets',
        ),
      ),
    );
    expect(refused['broker.credentials']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(
        /^use the key pair of a live account \(paper and live keys differ\)/,
      ) as string,
    });
  });

  it('the data feed refused: sip needs a plan', () => {
    const f = {
      ...facts(answered()),
      marketData: {
        ok: false as const,
        feed: 'sip',
        dataEndpoint: 'https://data.alpaca.markets',
        error: 'subscription does not permit querying recent SIP data',
      },
    };
    expect(byId(brokerChecks(f))['broker.market_data']).toMatchObject({
      status: 'fail',
      fix: 'SIP needs a paid data plan: set broker.data_feed: iex, or subscribe',
    });
  });

  it('clock skew: ok within 2 s, warn to a minute, fail beyond; unknown without a Date header', () => {
    expect(skewCheck(1_500)).toMatchObject({
      status: 'ok',
      summary: 'clock skew +1.5 s (broker minus this box, ±1 s)',
    });
    expect(skewCheck(-5_000)).toMatchObject({
      status: 'warn',
      summary: 'clock skew -5.0 s (broker minus this box, ±1 s)',
    });
    expect(skewCheck(90_000).status).toBe('fail');
    expect(skewCheck(null).status).toBe('warn');
  });

  it("rate limit: a throttle above the broker's limit fails; little headroom left warns; no headers warns", () => {
    expect(rateLimitCheck({ limit: 200, remaining: 150 }, 300)).toMatchObject({
      status: 'fail',
      fix: 'lower broker.requests_per_minute in config/config.yaml to 200 or less',
    });
    expect(rateLimitCheck({ limit: 200, remaining: 10 }, 200).status).toBe('warn');
    expect(rateLimitCheck(null, 200).status).toBe('warn');
    expect(rateLimitCheck({ limit: 200, remaining: 199 }, 200).status).toBe('ok');
  });
});
