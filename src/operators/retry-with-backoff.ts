/** @module Retries a read or a feed connection with backoff: safe only where a repeat cannot place an order twice. */
import { retry, type MonoTypeOperatorFunction } from 'rxjs';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff-delay.ts';

export interface RetryWithBackoffOptions extends Partial<BackoffPolicy> {
  /** Attempts after the first; default unlimited (feeds), give reads a count. */
  readonly count?: number;
}

/**
 * Never put this on an order submission: an unclear POST is resolved by client order id instead (STYLE §3).
 *
 * @example defer(() => broker.getClock()).pipe(retryWithBackoff({ count: 3 }))
 */
export function retryWithBackoff<T>(
  options: RetryWithBackoffOptions = {},
): MonoTypeOperatorFunction<T> {
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options };
  return retry({
    ...(options.count === undefined ? {} : { count: options.count }),
    delay: backoffDelay(policy),
    resetOnSuccess: true,
  });
}
