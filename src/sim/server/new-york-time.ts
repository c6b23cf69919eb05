/** @module New York wall-clock helpers for the wire formats (RFC-3339 with the ET offset, NY dates, HH:MM). */

const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface NyParts {
  readonly date: string;
  readonly hh: string;
  readonly mm: string;
  readonly ss: string;
  /** Offset from UTC in minutes (-240 in summer, -300 in winter). */
  readonly offsetMinutes: number;
}

export function nyParts(ts: number): NyParts {
  const p: Record<string, string> = {};
  for (const part of FORMAT.formatToParts(new Date(ts))) p[part.type] = part.value;
  const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map((v) => v ?? '00') as [
    string, string, string, string, string, string,
  ];
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const wholeSeconds = Math.floor(ts / 1000) * 1000;
  return { date: `${y}-${mo}-${d}`, hh: h, mm: mi, ss: s, offsetMinutes: Math.round((asUtc - wholeSeconds) / 60_000) };
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

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
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
