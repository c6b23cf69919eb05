/** @module New York calendar helpers the jobs add to domain/ny-time: date validation, day counts, display. */
import { nyDate, nyToEpoch, nyWall } from './ny-time.ts';

export { nyDate };

const DAY_MS = 86_400_000;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instant a New York date begins (midnight New York time). */
export const nyMidnight = (date: string): number => nyToEpoch(date, '00:00');

/** "2024-03-05 09:35" in New York time, for people. */
export function nyDateTime(ts: number): string {
  const w = nyWall(ts);
  return `${w.date} ${String(w.hh).padStart(2, '0')}:${String(w.mm).padStart(2, '0')}`;
}
