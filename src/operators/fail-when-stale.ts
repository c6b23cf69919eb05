/** @module A stale feed is an error: fails when no event arrived for `staleMs` while the feed is expected to speak. */
import {
  asyncScheduler,
  connect,
  endWith,
  filter,
  ignoreElements,
  map,
  merge,
  mergeMap,
  startWith,
  switchMap,
  take,
  takeUntil,
  throwError,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { FeedStaleError } from '../domain/feed-stale-error.ts';

/** setTimeout's ceiling (about 24.8 days): longer periods would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface FailWhenStaleOptions {
  readonly feed: string;
  readonly staleMs: number;
  /** Whether silence is suspicious now (e.g. symbols held and the session open); checked every `staleMs`. */
  readonly expected: () => boolean;
  readonly scheduler?: SchedulerLike;
}

/**
 * After each event (and at subscription) a check runs every `staleMs`; the first check that finds the feed
 * expected to speak errors with FeedStaleError, which the retry path treats as a reconnect.
 *
 * @example marketFeed.trades$(symbols$).pipe(failWhenStale({ feed: 'market', staleMs, expected }), retryWithBackoff())
 */
export function failWhenStale<T>(options: FailWhenStaleOptions): MonoTypeOperatorFunction<T> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const period = Math.min(options.staleMs, MAX_TIMER_MS);
  return (source) =>
    source.pipe(
      connect((events$) =>
        merge(
          events$,
          events$.pipe(
            map(() => null),
            startWith(null),
            switchMap(() => timer(period, period, scheduler)),
            filter(() => options.expected()),
            take(1),
            mergeMap(() => throwError(() => new FeedStaleError(options.feed, options.staleMs))),
            // The watch ends with the feed.
            takeUntil(events$.pipe(ignoreElements(), endWith(null))),
          ),
        ),
      ),
    );
}
