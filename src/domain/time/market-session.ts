/** @module The regular session as the broker's clock describes it, and the clock the daemon keeps in step with it. */
import type { ClockReport } from '../account.ts';
import type { Clock } from '../ports.ts';

/**
 * Whether the regular session is open at `now`, from the last `/v2/clock` answer. While open, `next_close`
 * ends it; while closed, the session between `next_open` and `next_close` (the close after that open) is it.
 * A report older than its own `next_close` says nothing more: the session counts as closed until a resync.
 */
export function isSessionOpen(report: ClockReport | null, now: number): boolean {
  if (report === null) return false;
  if (report.isOpen) return now < report.tsNextClose;
  return now >= report.tsNextOpen && now < report.tsNextClose;
}

/** True once `now` has passed the last boundary the report knows about: ask the broker again. */
export function clockReportExpired(report: ClockReport | null, now: number): boolean {
  return report === null || now >= report.tsNextClose;
}

/** The daemon's "now": the broker's time, synced over REST and advanced by every event's timestamp. */
export interface SyncedClock extends Clock {
  /** Re-anchors on the broker's clock (and drops the lead events gave); time never moves backwards once synced. */
  sync(report: ClockReport): void;
  /**
   * Moves time forward to an event's broker timestamp when it is later than now, within a small lead of the
   * synced estimate; false when it lies further ahead (the time is not moved: ask the broker's clock).
   */
  observe(tsEvent: number): boolean;
  /** The last report synced, or null before the first sync. */
  lastReport(): ClockReport | null;
}
