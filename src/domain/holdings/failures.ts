/** @module What a refused protective order or exit sale does to a holding: back off, defer, or fall back to protection. */
import type { Holding } from './holding.ts';
import type { Draft } from './draft.ts';

/**
 * A protective order was refused: defer behind an open entry (wash trade); rate limited, retry exactly after the
 * broker's Retry-After (not a refusal of the order: it does not count as a failure); refused, retry after a short
 * doubling backoff, capped, counting the failures once per round (the OCO and the fractional stop of one plan
 * refused together are one failure); and alert.
 */
export function protectionRefused(
  d: Draft,
  h: Holding,
  role: 'oco' | 'stop',
  clientOrderId: string,
  error: string,
  retryAfterMs: number | null = null,
  rateLimited = false,
): Holding {
  if (/wash trade/i.test(error) && h.openBuyIds.length > 0) {
    // The broker refuses a sell while a buy of the symbol is open; the entry's end re-plans at once.
    d.emit({
      kind: 'ProtectionFailed',
      symbol: h.symbol,
      role,
      clientOrderId,
      error,
      deferred: true,
      retryAt: 0,
    });
    return { ...h, deferredFor: [...h.openBuyIds] };
  }
  const sameRound = h.retryAt > d.now;
  const failures = retryAfterMs !== null || sameRound ? h.failures : h.failures + 1;
  const wait =
    retryAfterMs ??
    Math.min(d.options.retryBaseMs * 2 ** Math.max(0, failures - 1), d.options.retryMaxMs);
  const retryAt = Math.max(sameRound ? h.retryAt : 0, d.now + wait);
  d.emit({
    kind: 'ProtectionFailed',
    symbol: h.symbol,
    role,
    clientOrderId,
    error,
    deferred: false,
    retryAt,
    ...(rateLimited ? { rateLimited } : {}),
  });
  if (/insufficient qty/i.test(error)) {
    // Something else holds the shares: learn what from REST instead of guessing.
    d.command({ kind: 'RequestAudit', reason: `${h.symbol}: ${error}` });
  }
  return { ...h, failures, retryAt };
}

/** The exit sale was refused or ended unfilled: protection comes back at once, the soft exit waits. */
export function exitRefused(
  d: Draft,
  h: Holding,
  clientOrderId: string,
  error: string,
  rateLimited = false,
): Holding {
  if (h.exitProgress === null) return h;
  d.emit({
    kind: 'ExitRejected',
    symbol: h.symbol,
    clientOrderId,
    rule: h.exitProgress.rule,
    error,
    ...(rateLimited ? { rateLimited } : {}),
  });
  return { ...h, exitProgress: null, exitRetryAt: d.now + d.options.exitRetryMs };
}
