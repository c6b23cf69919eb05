/**
 * @module The broker-synced clock: the broker's time at the last sync plus the local time elapsed since,
 * pushed forward by event timestamps, never backwards once synced. Local time is `asyncScheduler.now()`, virtual in tests.
 */
import { asyncScheduler } from 'rxjs';
import type { ClockReport } from '../../domain/account.ts';
import type { SyncedClock } from '../../domain/market-session.ts';

export interface BrokerClockOptions {
  /** Local monotonic-enough milliseconds; default `asyncScheduler.now()`. */
  readonly local?: () => number;
  /** Time before the first sync; default the local time. */
  readonly start?: number;
}

export function createBrokerClock(options: BrokerClockOptions = {}): SyncedClock {
  const local = options.local ?? (() => asyncScheduler.now());
  let base = options.start ?? local();
  let localAtBase = local();
  let last = base;
  let report: ClockReport | null = null;
  const now = (): number => {
    const t = base + (local() - localAtBase);
    if (t > last) last = t;
    return last;
  };
  const rebase = (ts: number): void => {
    base = ts;
    localAtBase = local();
  };
  return {
    now,
    sync(r) {
      // Before the first sync the time was only the local estimate: the broker's time replaces it outright.
      if (report === null) last = r.tsNow;
      report = r;
      rebase(r.tsNow);
    },
    observe(tsEvent) {
      if (tsEvent > now()) rebase(tsEvent);
    },
    lastReport: () => report,
  };
}
