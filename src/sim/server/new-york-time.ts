/** @module New York wall-clock helpers for the wire formats (RFC-3339 with the ET offset, NY dates, HH:MM). */

import { addDays, nyOffsetMinutes, nyWall } from '../../domain/time/ny-time.ts';

export { addDays };

export interface NyParts {
  readonly date: string;
  readonly hh: string;
  readonly mm: string;
  readonly ss: string;
  /** Offset from UTC in minutes (-240 in summer, -300 in winter). */
  readonly offsetMinutes: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The New York wall-clock reading of ts, zero-padded for the wire. */
export function nyParts(ts: number): NyParts {
  const w = nyWall(ts);
  return {
    date: w.date,
    hh: pad(w.hh),
    mm: pad(w.mm),
    ss: pad(w.ss),
    offsetMinutes: nyOffsetMinutes(ts),
  };
}

/** The New York date (YYYY-MM-DD) at ts. */
export const nyDate = (ts: number): string => nyParts(ts).date;

/** RFC-3339 in UTC with `Z`, millisecond precision. */
export const rfc3339 = (ts: number): string => new Date(ts).toISOString();

export function rfc3339OrNull(ts: number | null | undefined): string | null {
  return ts === null || ts === undefined ? null : rfc3339(ts);
}

/** RFC-3339 with the New York offset, e.g. `2024-05-01T09:30:00.000-04:00` (Alpaca's clock style). */
export function rfc3339NewYork(ts: number): string {
  const p = nyParts(ts);
  const off = Math.abs(p.offsetMinutes);
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const ms = String(((ts % 1000) + 1000) % 1000).padStart(3, '0');
  const offset = `${sign}${String(Math.floor(off / 60)).padStart(2, '0')}:${String(off % 60).padStart(2, '0')}`;
  return `${p.date}T${p.hh}:${p.mm}:${p.ss}.${ms}${offset}`;
}

/** `HH:MM` in New York. */
export function nyHourMinute(ts: number): string {
  const p = nyParts(ts);
  return `${p.hh}:${p.mm}`;
}

/**
 * Reads a date parameter sent as `YYYY-MM-DD` or as a full timestamp (the SDK sends `toISOString()`);
 * a timestamp's own calendar date is used, as Alpaca does. Undefined when absent or malformed.
 */
export function readDateParam(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (!m?.[1] || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) return undefined;
  return m[1];
}

/** Reads a timestamp parameter (RFC-3339 or a date = its UTC midnight); undefined when absent, NaN when malformed. */
export function readTimeParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
}
