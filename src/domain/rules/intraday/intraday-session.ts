/**
 * @module One session's regular-hours 1-minute bars, as the intraday strategies and their backtests see a day: the
 * bars from the open to the close of the broker's calendar (pre- and post-market bars left out), the previous
 * session's last close (for the gap), and the times the daemon's phases give it (MARKET_CLOSE and the entry cutoff).
 */
import type { Bar, CalendarDay } from '../../account.ts';

export interface IntradaySession {
  readonly date: string;
  readonly tsOpen: number;
  readonly tsClose: number;
  /** Regular-hours 1-minute bars, oldest first (bar time = its minute's start). */
  readonly bars: readonly Bar[];
  /** The previous session's last regular-hours close, or null for the first session of the history. */
  readonly prevClose: number | null;
}

/** Splits a symbol's 1-minute bars (oldest first) into the calendar's sessions; a session without bars is left out. */
export function intradaySessions(
  bars: readonly Bar[],
  calendar: readonly CalendarDay[],
): IntradaySession[] {
  const sessions: IntradaySession[] = [];
  let prevClose: number | null = null;
  let k = 0;
  for (const day of [...calendar].sort((a, b) => a.tsOpen - b.tsOpen)) {
    while (k < bars.length && (bars[k]?.ts ?? Infinity) < day.tsOpen) k += 1;
    const inside: Bar[] = [];
    while (k < bars.length && (bars[k]?.ts ?? Infinity) < day.tsClose) {
      inside.push(bars[k] as Bar);
      k += 1;
    }
    if (inside.length === 0) continue;
    sessions.push({
      date: day.date,
      tsOpen: day.tsOpen,
      tsClose: day.tsClose,
      bars: inside,
      prevClose,
    });
    prevClose = inside[inside.length - 1]?.close ?? prevClose;
  }
  return sessions;
}
