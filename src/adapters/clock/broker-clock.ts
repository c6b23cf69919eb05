/**
 * @module The broker-synced clock: the broker's time at the last sync plus the local time elapsed since, moved
 * ahead by event timestamps only within a small lead of that estimate. A frame further ahead never moves it (one
 * bad timestamp must not put the daemon days ahead: time stops would fire on everything): the caller asks the
 * broker instead. A sync re-anchors the estimate on the broker's time and drops the lead; time never runs
 * backwards (the journal orders decisions by it), so a clock that ran ahead waits for the broker's to catch up.
 * Local time is `asyncScheduler.now()`, virtual in tests.
 */
import { asyncScheduler } from 'rxjs';
import type { ClockReport } from '../../domain/account.ts';
import type { SyncedClock } from '../../domain/time/market-session.ts';

export interface BrokerClockOptions {
  /** Local monotonic-enough milliseconds; default `asyncScheduler.now()`. */
  readonly local?: () => number;
  /** Time before the first sync; default the local time. */
  readonly start?: number;
  /** How far ahead of the synced estimate an event may move the clock (default 2 s: network delay and drift are far less). */
  readonly maxLeadMs?: number;
}

export const MAX_EVENT_LEAD_MS = 2_000;

export function createBrokerClock(options: BrokerClockOptions = {}): SyncedClock {
  const local = options.local ?? (() => asyncScheduler.now());
  const maxLeadMs = options.maxLeadMs ?? MAX_EVENT_LEAD_MS;
  let base = options.start ?? local();
  let localAtBase = local();
  /** Forward offset earned from event timestamps since the last sync, at most maxLeadMs. */
  let lead = 0;
  let last = base;
  let report: ClockReport | null = null;
  const estimate = (): number => base + (local() - localAtBase);
  const now = (): number => {
    const t = estimate() + lead;
    if (t > last) last = t;
    return last;
  };
  return {
    now,
    sync(r) {
      // Before the first sync the time was only the local estimate: the broker's time replaces it outright.
      if (report === null) last = r.tsNow;
      report = r;
      base = r.tsNow;
      localAtBase = local();
      lead = 0;
    },
    observe(tsEvent) {
      if (report === null) return true;
      const ahead = tsEvent - estimate();
      if (ahead > maxLeadMs) return false;
      if (ahead > lead) lead = ahead;
      return true;
    },
    lastReport: () => report,
  };
}
