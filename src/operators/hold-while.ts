/**
 * @module Holds values back while `busy$` says so, for at most `maxHoldMs` from the first one held, then lets them
 * through in order. The daemon holds a fill's bookkeeping (journal, LMDB, alerts, subscriptions) while its protective
 * order is on the wire, so the answer finds the thread free; the bound keeps a slow broker from starving the journal.
 */
import {
  Observable,
  asyncScheduler,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

export interface HoldWhileOptions {
  readonly maxHoldMs: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * @example steps$.pipe(holdWhile(submitting$, { maxHoldMs: 250 }))
 */
export function holdWhile<T>(
  busy$: Observable<boolean>,
  options: HoldWhileOptions,
): OperatorFunction<T, T> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (source) =>
    new Observable<T>((subscriber) => {
      let busy = false;
      let held: T[] = [];
      let deadline: Subscription | undefined;
      let sourceDone = false;
      const release = (): void => {
        deadline?.unsubscribe();
        deadline = undefined;
        const values = held;
        held = [];
        for (const v of values) subscriber.next(v);
        if (sourceDone) subscriber.complete();
      };
      const busySub = busy$.subscribe({
        next: (b) => {
          busy = b;
          if (!b && held.length > 0) release();
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
      });
      const sourceSub = source.subscribe({
        next: (v) => {
          if (!busy && held.length === 0) {
            subscriber.next(v);
            return;
          }
          held.push(v);
          deadline ??= scheduler.schedule(release, options.maxHoldMs);
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
        complete: () => {
          sourceDone = true;
          if (held.length === 0) subscriber.complete();
        },
      });
      return () => {
        busySub.unsubscribe();
        sourceSub.unsubscribe();
        deadline?.unsubscribe();
      };
    });
}
