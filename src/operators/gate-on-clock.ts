/**
 * @module Lets a broker event through only once the daemon's clock agrees with its timestamp. Most events are
 * within the clock's trusted lead and pass at once, synchronously. One further ahead (a simulator's time jump, or
 * a bad timestamp) is held, with everything behind it to keep the order, while the broker's clock is asked; the
 * sync's answer releases it. If the broker's clock still contradicts it after `maxHoldMs`, it is refused: one
 * frame never moves the daemon's time, and a time stop never fires on a timestamp the broker does not confirm.
 */
import {
  Observable,
  asyncScheduler,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

export interface GateOnClockOptions<T> {
  /** The clock takes the event's time when within its lead; false when further ahead (see SyncedClock.observe). */
  readonly observe: (tsEvent: number) => boolean;
  /** Asks for a clock sync; `synced$` emits once one is applied. */
  readonly askClock: () => void;
  readonly synced$: Observable<unknown>;
  readonly maxHoldMs: number;
  /** An event given up: the broker's clock never caught up with its timestamp. */
  readonly onRefused: (event: T) => void;
  readonly scheduler?: SchedulerLike;
}

/**
 * @example trades$.pipe(gateOnClock({ observe: (ts) => clock.observe(ts), askClock, synced$, maxHoldMs: 5_000, onRefused }))
 */
export function gateOnClock<T extends { readonly tsEvent: number }>(
  options: GateOnClockOptions<T>,
): MonoTypeOperatorFunction<T> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (source) =>
    new Observable<T>((subscriber) => {
      const held: T[] = [];
      /** The held head the deadline is armed for. */
      let waitingFor: T | undefined;
      let deadline: Subscription | undefined;
      let sourceDone = false;
      const wait = (head: T): void => {
        waitingFor = head;
        deadline?.unsubscribe();
        deadline = scheduler.schedule(() => {
          release(true);
        }, options.maxHoldMs);
        options.askClock();
      };
      /** Lets held events through in order while the clock agrees; `expired` refuses the head it still disagrees with. */
      const release = (expired: boolean): void => {
        while (held.length > 0) {
          const head = held[0] as T;
          if (options.observe(head.tsEvent)) {
            held.shift();
            subscriber.next(head);
          } else if (expired && head === waitingFor) {
            held.shift();
            options.onRefused(head);
          } else {
            if (head !== waitingFor) wait(head);
            return;
          }
        }
        waitingFor = undefined;
        deadline?.unsubscribe();
        deadline = undefined;
        if (sourceDone) subscriber.complete();
      };
      const syncSub = options.synced$.subscribe({
        next: () => {
          if (held.length > 0) release(false);
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
      });
      const sourceSub = source.subscribe({
        next: (v) => {
          if (held.length === 0 && options.observe(v.tsEvent)) {
            subscriber.next(v);
            return;
          }
          held.push(v);
          if (held.length === 1) wait(v);
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
        syncSub.unsubscribe();
        sourceSub.unsubscribe();
        deadline?.unsubscribe();
      };
    });
}
