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
import { dayNumber } from '../series.ts';
import { columnsFromBars, sessionDayOf, type BarColumns } from './bar-columns.ts';
import { dateOfDay } from './bar-date.ts';

export interface ValidationContext {
  /** Sessions of the broker's calendar, ascending, covering the history (through the latest closed session). */
  readonly sessions: readonly CalendarDay[];
  readonly staleAfterHours: number;
}

/** The context with each session's day number, computed once for a whole universe. */
export interface ColumnValidationContext extends ValidationContext {
  readonly sessionDays: Int32Array;
}

export const withSessionDays = (v: ValidationContext): ColumnValidationContext => ({
  ...v,
  sessionDays: Int32Array.from(v.sessions, (s) => dayNumber(s.date)),
});

export type Validation = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function malformed(c: BarColumns, i: number): string | null {
  const open = c.open[i] as number;
  const high = c.high[i] as number;
  const low = c.low[i] as number;
  const close = c.close[i] as number;
  const volume = c.volume[i] as number;
  const price = (p: number): boolean => Number.isFinite(p) && p > 0;
  if (!(price(open) && price(high) && price(low) && price(close))) return 'a non-positive or non-finite price';
  if (high < Math.max(open, close, low) || low > Math.min(open, close)) return 'high/low outside the open/close range';
  if (!Number.isFinite(volume) || volume < 0) return 'a negative or non-finite volume';
  return null;
}

/** Index of `day` in the ascending session days, or -1; `hint` (the next expected index) is tried first. */
function sessionIndex(days: Int32Array, day: number, hint: number): number {
  if (days[hint] === day) return hint;
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = days[mid] as number;
    if (d === day) return mid;
    if (d < day) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function validateColumns(c: BarColumns, v: ColumnValidationContext): Validation {
  const latest = v.sessions[v.sessions.length - 1];
  if (c.length === 0 || latest === undefined) return { ok: false, reason: 'no daily bars' };
  let prev = -1;
  for (let k = 0; k < c.length; k += 1) {
    const day = sessionDayOf(c.ts[k] as number);
    const problem = malformed(c, k);
    if (problem !== null) return { ok: false, reason: `bad bar on ${dateOfDay(day)}: ${problem}` };
    const i = sessionIndex(v.sessionDays, day, prev + 1);
    if (i < 0) return { ok: false, reason: `bar on ${dateOfDay(day)}, which is not a trading session` };
    if (i <= prev) return { ok: false, reason: `bars out of order or duplicated at ${dateOfDay(day)}` };
    if (i > prev + 1 && prev >= 0) {
      const missing = i - prev - 1;
      return { ok: false, reason: `incomplete: ${missing} session(s) missing before ${dateOfDay(day)} (first: ${v.sessions[prev + 1]?.date ?? '?'})` };
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

export function validateBars(bars: readonly Bar[], v: ValidationContext): Validation {
  return validateColumns(columnsFromBars(bars), withSessionDays(v));
}
