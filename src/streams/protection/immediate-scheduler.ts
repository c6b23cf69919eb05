/**
 * @module An RxJS scheduler on Node's setImmediate: work runs after the current turn's microtasks and pending I/O
 * writes, in the order it was scheduled. The protection pipeline observes its bookkeeping on it, so the protective
 * POST (started by the same fill, completed in microtasks) is on the wire before LMDB writes, journal entries,
 * alerts and market-data re-subscriptions of that fill take the thread. `asapScheduler` would not do: it runs on
 * microtasks, interleaved with the HTTP client's own.
 */
import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import { epochNow } from '../../domain/time/wall-clock.ts';

class ImmediateAction<T> extends Subscription implements SchedulerAction<T> {
  private handle: NodeJS.Immediate | undefined;

  constructor(private readonly work: (this: SchedulerAction<T>, state?: T) => void) {
    super(() => {
      if (this.handle !== undefined) clearImmediate(this.handle);
      this.handle = undefined;
    });
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    if (delay > 0)
      throw new RangeError(
        'the immediate scheduler runs work on the next check phase only (delay 0)',
      );
    if (this.handle !== undefined) clearImmediate(this.handle);
    this.handle = setImmediate(() => {
      this.handle = undefined;
      if (!this.closed) this.work.call(this, state);
    });
    return this;
  }
}

export const immediateScheduler: SchedulerLike = {
  now: () => epochNow(),
  schedule<T>(
    work: (this: SchedulerAction<T>, state: T) => void,
    delay = 0,
    state?: T,
  ): Subscription {
    return new ImmediateAction<T>(work as (this: SchedulerAction<T>, state?: T) => void).schedule(
      state,
      delay,
    );
  },
};
