/** @module The retry delay policy: wait (exponentially, or as the broker asks) for transient failures, give up on the rest. */
import { asyncScheduler, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { isBrokerError } from '../domain/broker-error.ts';
import { FeedStaleError } from '../domain/feed-stale-error.ts';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly scheduler?: SchedulerLike;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000 };

/** Transient and rate-limited broker errors and stale feeds are worth another try; rejections and bugs are not. */
export const isRetryable = (e: unknown): boolean =>
  e instanceof FeedStaleError ||
  (isBrokerError(e) && (e.kind === 'transient' || e.kind === 'rate-limited'));

/**
 * `delay` for RxJS `retry`: timer(baseMs x 2^(attempt-1), capped; or the broker's Retry-After) for retryable
 * errors, the error itself otherwise.
 *
 * @example defer(() => broker.listPositions()).pipe(retry({ count: 3, delay: backoffDelay(DEFAULT_BACKOFF) }))
 */
export function backoffDelay(
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): (error: unknown, attempt: number) => Observable<unknown> {
  const scheduler = policy.scheduler ?? asyncScheduler;
  return (error, attempt) => {
    if (!isRetryable(error)) return throwError(() => error);
    const asked = isBrokerError(error) ? error.retryAfterMs : undefined;
    const ms = asked ?? Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
    return timer(ms, scheduler);
  };
}
