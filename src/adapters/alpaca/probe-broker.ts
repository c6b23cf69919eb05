/**
 * @module One authenticated GET of the account, for `strikeline doctor`: what the SDK hides and a check needs, the
 * HTTP status, the server's `Date` (clock skew), Alpaca's `X-RateLimit-*` headers (headroom) and the account's flags.
 */
import type { BrokerProbe, RateLimit } from '../../domain/diagnostics.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export type { BrokerProbe, RateLimit } from '../../domain/diagnostics.ts';

export interface ProbeOptions {
  readonly endpoint: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly timeoutMs?: number;
  /** The local wall clock (the box's, whose skew is measured). */
  readonly now?: () => number;
}

const numberHeader = (headers: Headers, name: string): number | undefined => {
  const raw = headers.get(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

function rateLimitOf(headers: Headers): RateLimit | null {
  const limit = numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  return limit === undefined || remaining === undefined ? null : { limit, remaining };
}

/** The `Date` header has whole seconds: the skew is known to about ±1 s plus half the round trip. */
function skewOf(headers: Headers, sentAt: number, receivedAt: number): number | null {
  const date = headers.get('date');
  const server = date === null ? NaN : Date.parse(date);
  return Number.isFinite(server) ? server - (sentAt + receivedAt) / 2 : null;
}

export async function probeBroker(o: ProbeOptions): Promise<BrokerProbe> {
  const now = o.now ?? epochNow;
  const sentAt = now();
  let response: Response;
  try {
    response = await fetch(`${o.endpoint}/v2/account`, {
      headers: { 'APCA-API-KEY-ID': o.keyId, 'APCA-API-SECRET-KEY': o.secretKey },
      redirect: 'error',
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return { kind: 'unreachable', error: `${e instanceof Error ? e.message : String(e)}${cause}` };
  }
  const receivedAt = now();
  const text = await response.text();
  if (!response.ok)
    return {
      kind: 'refused',
      httpStatus: response.status,
      message: text.slice(0, 200).replace(/\s+/g, ' ').trim(),
    };
  const body = JSON.parse(text) as Record<string, unknown>;
  return {
    kind: 'answered',
    skewMs: skewOf(response.headers, sentAt, receivedAt),
    rateLimit: rateLimitOf(response.headers),
    account: {
      status: typeof body.status === 'string' ? body.status : 'UNKNOWN',
      tradingBlocked: body.trading_blocked === true,
      accountBlocked: body.account_blocked === true,
      currency: typeof body.currency === 'string' ? body.currency : 'USD',
    },
  };
}
