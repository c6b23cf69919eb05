/** @module The NYSE calendar: regular sessions 09:30-16:00 New York, holidays, 13:00 early closes, DST-correct. */
import { getHolidays } from 'nyse-holidays';
import type { MarketCalendar, Session } from '../contracts.ts';
import { addDays, nyDateOf, nyEpoch, weekdayOf } from './ny-time.ts';

const OPEN_MINUTES = 9 * 60 + 30;
const CLOSE_MINUTES = 16 * 60;
const EARLY_CLOSE_MINUTES = 13 * 60;
/** Lookups never walk further than this many years from a timestamp (guards nextSessionAfter loops). */
const MAX_YEAR_SPAN = 2;

/** Closures the package does not list (national days of mourning, weather). */
const SPECIAL_CLOSURES: readonly string[] = [
  '2012-10-29', // Hurricane Sandy
  '2012-10-30',
  '2018-12-05', // George H. W. Bush
  '2025-01-09', // Jimmy Carter
];

function thanksgiving(year: number): string {
  const first = weekdayOf(`${year}-11-01`);
  const day = 1 + ((4 - first + 7) % 7) + 21;
  return `${year}-11-${String(day).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Sessions are a pure function of the year: computed once per process and shared (frozen) by every calendar. */
const yearCache = new Map<number, readonly Session[]>();

function sessionsOfYear(year: number): readonly Session[] {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const closed = new Set<string>(getHolidays(year).map((h) => h.dateString));
  for (const d of SPECIAL_CLOSURES) if (d.startsWith(`${year}-`)) closed.add(d);
  const early = new Set<string>([`${year}-07-03`, addDays(thanksgiving(year), 1), `${year}-12-24`]);
  const out: Session[] = [];
  const first = Date.UTC(year, 0, 1);
  const next = Date.UTC(year + 1, 0, 1);
  for (let t = first; t < next; t += DAY_MS) {
    const wd = (Math.floor(t / DAY_MS) + 4) % 7;
    if (wd === 0 || wd === 6) continue;
    const date = new Date(t).toISOString().slice(0, 10);
    if (closed.has(date)) continue;
    const isEarly = early.has(date);
    out.push(
      Object.freeze({
        date,
        tsOpen: nyEpoch(date, OPEN_MINUTES),
        tsClose: nyEpoch(date, isEarly ? EARLY_CLOSE_MINUTES : CLOSE_MINUTES),
        early: isEarly,
      }),
    );
  }
  const frozen = Object.freeze(out);
  yearCache.set(year, frozen);
  return frozen;
}

/** Index of the first element with key(element) > value (binary search on a sorted array). */
function upperBound(
  sessions: readonly Session[],
  value: number,
  key: (s: Session) => number,
): number {
  let lo = 0;
  let hi = sessions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = sessions[mid];
    if (s !== undefined && key(s) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Creates the NYSE calendar; sessions are computed once per year and cached. */
export function createNyseCalendar(): MarketCalendar {
  const years = new Map<number, readonly Session[]>();
  const byDate = new Map<string, Session>();
  const year = (y: number): readonly Session[] => {
    let list = years.get(y);
    if (!list) {
      list = sessionsOfYear(y);
      years.set(y, list);
      for (const s of list) byDate.set(s.date, s);
    }
    return list;
  };
  const yearOfTs = (ts: number): number => Number(nyDateOf(ts).slice(0, 4));

  const calendar: MarketCalendar = {
    sessionOn(date) {
      year(Number(date.slice(0, 4)));
      return byDate.get(date);
    },
    sessionsBetween(startDate, endDate) {
      const out: Session[] = [];
      for (let y = Number(startDate.slice(0, 4)); y <= Number(endDate.slice(0, 4)); y += 1) {
        for (const s of year(y)) if (s.date >= startDate && s.date <= endDate) out.push(s);
      }
      return out;
    },
    sessionAt(ts) {
      const s = calendar.sessionOn(nyDateOf(ts));
      return s && ts >= s.tsOpen && ts < s.tsClose ? s : undefined;
    },
    nextSessionAfter(ts) {
      const y0 = yearOfTs(ts);
      for (let y = y0; y <= y0 + MAX_YEAR_SPAN; y += 1) {
        const list = year(y);
        const s = list[upperBound(list, ts, (x) => x.tsOpen)];
        if (s) return s;
      }
      throw new Error(`no session after ${new Date(ts).toISOString()}`);
    },
    previousSessionBefore(ts) {
      const y0 = yearOfTs(ts);
      for (let y = y0; y >= y0 - MAX_YEAR_SPAN; y -= 1) {
        const list = year(y);
        const s = list[upperBound(list, ts, (x) => x.tsClose) - 1];
        if (s) return s;
      }
      throw new Error(`no session before ${new Date(ts).toISOString()}`);
    },
    isOpen(ts) {
      return calendar.sessionAt(ts) !== undefined;
    },
  };
  return calendar;
}
