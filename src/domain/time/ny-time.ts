/** @module New York wall time <-> epoch ms, DST-correct, with no time-zone library (Intl only). */

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  readonly date: string;
  readonly hh: number;
  readonly mm: number;
  readonly ss: number;
}

/** New York's wall-clock reading through Intl (slow: about 20 µs a call). */
function intlWall(ts: number): WallTime {
  const p = Object.fromEntries(parts.formatToParts(new Date(ts)).map((x) => [x.type, x.value]));
  return {
    date: `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}`,
    hh: Number(p.hour),
    mm: Number(p.minute),
    ss: Number(p.second),
  };
}

function intlOffsetMinutes(ts: number): number {
  const w = intlWall(ts);
  const asUtc = Date.UTC(
    Number(w.date.slice(0, 4)),
    Number(w.date.slice(5, 7)) - 1,
    Number(w.date.slice(8, 10)),
    w.hh,
    w.mm,
    w.ss,
  );
  return Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60_000);
}

const HOUR_MS = 3_600_000;

/** New York's offsets over one UTC month: `before` until the instant `change`, `after` from it. */
interface MonthOffsets {
  readonly before: number;
  readonly after: number;
  readonly change: number;
}

/**
 * Offsets by UTC month, read through Intl a few times per month rather than at every call (a scan converts 5,000
 * calendar times; the daemon every trade's time). New York changes its clocks at most once a month, at 2:00 local,
 * on a UTC hour: a month whose first and last instants agree has one offset; otherwise the change is the first
 * hour with the month's last offset, found by bisection. A property test holds this to Intl from 1970 to 2100.
 */
const byMonth = new Map<number, MonthOffsets>();
const MAX_CACHED_MONTHS = 10_000;

function monthOffsets(year: number, month: number): MonthOffsets {
  const key = year * 12 + month;
  const cached = byMonth.get(key);
  if (cached !== undefined) return cached;
  const first = Date.UTC(year, month, 1);
  const last = Date.UTC(year, month + 1, 1) - 1;
  const before = intlOffsetMinutes(first);
  const after = intlOffsetMinutes(last);
  let change = last + 1;
  if (before !== after) {
    // The first hour (in [lo, hi]) whose offset is `after`.
    let lo = first / HOUR_MS;
    let hi = Math.floor(last / HOUR_MS);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffsetMinutes(mid * HOUR_MS) === after) hi = mid;
      else lo = mid + 1;
    }
    change = lo * HOUR_MS;
  }
  const offsets = { before, after, change };
  if (byMonth.size >= MAX_CACHED_MONTHS) byMonth.clear();
  byMonth.set(key, offsets);
  return offsets;
}

/** Offset of New York from UTC at an instant, in minutes (-240 in summer, -300 in winter). */
export function nyOffsetMinutes(ts: number): number {
  const d = new Date(ts);
  const m = monthOffsets(d.getUTCFullYear(), d.getUTCMonth());
  return ts < m.change ? m.before : m.after;
}

/** The New York wall-clock reading of an instant. */
export function nyWall(ts: number): WallTime {
  const local = new Date(ts + nyOffsetMinutes(ts) * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    hh: local.getUTCHours(),
    mm: local.getUTCMinutes(),
    ss: local.getUTCSeconds(),
  };
}

/** The New York date (YYYY-MM-DD) of an instant. */
export const nyDate = (ts: number): string => nyWall(ts).date;

/** The instant of a New York wall time, e.g. nyToEpoch('2024-07-03', '13:00'). */
export function nyToEpoch(date: string, hhmm = '00:00'): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const guess = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes settle the offset on DST-change days.
  const first = guess - nyOffsetMinutes(guess) * 60_000;
  return guess - nyOffsetMinutes(first) * 60_000;
}

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const t =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) +
    days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO-8601 with the New York offset, e.g. 2024-05-01T09:30:00-04:00. */
export function nyIso(ts: number): string {
  const w = nyWall(ts);
  const off = nyOffsetMinutes(ts);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.date}T${pad(w.hh)}:${pad(w.mm)}:${pad(w.ss)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
