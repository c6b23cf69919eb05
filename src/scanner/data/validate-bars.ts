/**
 * @module The data validator (seed 002): a ticker's daily bars are rejected when they are
 * - missing: no bar at all;
 * - malformed: a non-positive or non-finite price, high below open/close/low, low above open/close,
 *   negative volume, a bar on a day that is not a session, or dates not strictly increasing;
 * - incomplete: a session of the broker's calendar between the first and the last bar has no bar;
 * - stale: the last bar's session closed more than `staleAfterHours` before the close of the latest session
 *   (the latest session closed at or before the scan's time).
 */
import type { Bar, CalendarDay } from '../../domain/account.ts';
import { barDate } from './bar-date.ts';

export interface ValidationContext {
  /** Sessions of the broker's calendar, ascending, covering the history (through the latest closed session). */
  readonly sessions: readonly CalendarDay[];
  readonly staleAfterHours: number;
}

export type Validation = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function malformed(b: Bar): string | null {
  const prices = [b.open, b.high, b.low, b.close];
  if (!prices.every((p) => Number.isFinite(p) && p > 0)) return 'a non-positive or non-finite price';
  if (b.high < Math.max(b.open, b.close, b.low) || b.low > Math.min(b.open, b.close)) return 'high/low outside the open/close range';
  if (!Number.isFinite(b.volume) || b.volume < 0) return 'a negative or non-finite volume';
  return null;
}

export function validateBars(bars: readonly Bar[], v: ValidationContext): Validation {
  const first = bars[0];
  const last = bars[bars.length - 1];
  const latest = v.sessions[v.sessions.length - 1];
  if (first === undefined || last === undefined || latest === undefined) return { ok: false, reason: 'no daily bars' };
  const index = new Map(v.sessions.map((s, i) => [s.date, i]));
  let prev = -1;
  for (const b of bars) {
    const date = barDate(b);
    const problem = malformed(b);
    if (problem !== null) return { ok: false, reason: `bad bar on ${date}: ${problem}` };
    const i = index.get(date);
    if (i === undefined) return { ok: false, reason: `bar on ${date}, which is not a trading session` };
    if (i <= prev) return { ok: false, reason: `bars out of order or duplicated at ${date}` };
    if (i > prev + 1 && prev >= 0) {
      const missing = i - prev - 1;
      return { ok: false, reason: `incomplete: ${missing} session(s) missing before ${date} (first: ${v.sessions[prev + 1]?.date ?? '?'})` };
    }
    prev = i;
  }
  const lastSession = v.sessions[prev] as CalendarDay;
  const ageHours = (latest.tsClose - lastSession.tsClose) / 3_600_000;
  if (ageHours > v.staleAfterHours) {
    return { ok: false, reason: `stale: last bar ${lastSession.date} is ${Math.round(ageHours)} h older than the last session close (${latest.date}); limit ${v.staleAfterHours} h` };
  }
  return { ok: true };
}
