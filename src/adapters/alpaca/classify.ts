/**
 * @module Maps the SDK's errors to a BrokerError kind once, so nothing past the adapter reads HTTP codes; `call`
 * also scrubs their messages, since a broker (or a proxy) may quote the request's credential headers.
 */
import { errors } from '@alpacahq/alpaca-trade-api';
import { BrokerError } from '../../domain/broker-error.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';

/** Whether the failed call changes state at the broker: then a lost answer is ambiguous, not transient. */
export type CallKind = 'read' | 'write';

function messageOf(e: errors.ApiError): string {
  return (e.message || `HTTP ${e.status}`).replace(/\s+/g, ' ').trim();
}

/**
 * A 403 that refuses the credentials rather than the order: Alpaca answers a bare `{"message":"forbidden."}` to
 * keys used on the wrong host (paper keys on live) or revoked (alpacahq/Alpaca-API#228); its business refusals
 * carry code 40310000 and say why (buying power, qty, wash trade).
 */
const refusesCredentials = (msg: string, code: number | undefined): boolean =>
  (code === undefined || String(code).startsWith('401')) &&
  /^(forbidden|unauthorized|access key verification failed)\b/i.test(msg);

export function classify(e: unknown, call: CallKind): BrokerError {
  if (e instanceof BrokerError) return e;
  if (e instanceof errors.ApiError) {
    const code = typeof e.code === 'number' ? e.code : Number(e.code) || undefined;
    const msg = messageOf(e);
    if (
      e instanceof errors.AuthError ||
      (e instanceof errors.PermissionError && refusesCredentials(msg, code))
    ) {
      return new BrokerError('auth', `broker refused the credentials: ${msg}`, e.status, code);
    }
    if (e instanceof errors.RateLimitError)
      return new BrokerError('rate-limited', msg, e.status, code, e.retryAfterMs ?? 1_000);
    if (e instanceof errors.NotFoundError) return new BrokerError('not-found', msg, e.status, code);
    if (e instanceof errors.PermissionError || e instanceof errors.ValidationError)
      return new BrokerError('rejected', msg, e.status, code);
    if (e.status >= 500 || e.status === 408)
      return new BrokerError(call === 'write' ? 'ambiguous' : 'transient', msg, e.status, code);
    return new BrokerError('rejected', msg, e.status, code);
  }
  if (e instanceof errors.FetchError) {
    const msg = `broker unreachable: ${e.cause.message || e.message}`;
    return new BrokerError(call === 'write' ? 'ambiguous' : 'transient', msg);
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return new BrokerError(
      call === 'write' ? 'ambiguous' : 'transient',
      `broker timed out: ${e.message}`,
    );
  }
  return new BrokerError('bug', e instanceof Error ? e.message : String(e));
}

/** Runs one SDK call, rejecting with a classified BrokerError whose message went through `scrub`. */
export async function call<T>(kind: CallKind, fn: () => Promise<T>, scrub: Scrub): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const classified = classify(e, kind);
    classified.message = scrub(classified.message);
    if (classified.stack !== undefined) classified.stack = scrub(classified.stack);
    throw classified;
  }
}
