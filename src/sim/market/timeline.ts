/** @module The market's session timeline: every NYSE session from the origin (2010) on, indexed, grown by year. */
import type { MarketCalendar, Session } from '../contracts.ts';
import { nyDateOf, nyEpoch } from './ny-time.ts';

/** The synthetic history starts here; no bars exist before it. */
export const ORIGIN_YEAR = 2010;
/** Anchor prices refer to the first session of this year. */
const REFERENCE_YEAR = 2025;
/** Generation never runs past this year (guards against absurd requests). */
const MAX_YEAR = 2200;
const MAX_TS = Date.parse(`${MAX_YEAR}-01-01T00:00:00Z`);

export interface Timeline {
  readonly sessions: readonly Session[];
  /** Midnight New York (epoch ms) of each session's date: the daily bar's `t`. */
  readonly midnights: readonly number[];
  /** Index of the first session of 2025 (the anchor-price reference). */
  readonly referenceIndex: number;
  /** Makes sure sessions through the New York year of `date` exist. */
  ensureDate(date: string): void;
  /** Makes sure sessions through the New York year of ts exist. */
  ensureTs(ts: number): void;
  indexOfDate(date: string): number | undefined;
  /** Index of the first session with key(session) >= ts (sessions.length when none). */
  lowerBound(ts: number, key: 'tsOpen' | 'tsClose' | 'midnight'): number;
  /** Index of the first session whose date is >= date. */
  lowerBoundDate(date: string): number;
}

export function createTimeline(calendar: MarketCalendar): Timeline {
  const sessions: Session[] = [];
  const midnights: number[] = [];
  const byDate = new Map<string, number>();
  let lastYear = ORIGIN_YEAR - 1;
  const growTo = (year: number): void => {
    const target = Math.min(year, MAX_YEAR);
    while (lastYear < target) {
      lastYear += 1;
      for (const s of calendar.sessionsBetween(`${lastYear}-01-01`, `${lastYear}-12-31`)) {
        byDate.set(s.date, sessions.length);
        sessions.push(s);
        midnights.push(nyEpoch(s.date));
      }
    }
  };
  growTo(REFERENCE_YEAR);
  const referenceIndex =
    byDate.get(calendar.nextSessionAfter(Date.parse(`${REFERENCE_YEAR}-01-01T00:00:00Z`)).date) ??
    0;

  const search = (pred: (i: number) => boolean): number => {
    let lo = 0;
    let hi = sessions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pred(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  return {
    sessions,
    midnights,
    referenceIndex,
    ensureDate: (date) => {
      growTo(Number(date.slice(0, 4)));
    },
    ensureTs: (ts) => {
      if (Number.isFinite(ts)) growTo(Number(nyDateOf(Math.min(ts, MAX_TS)).slice(0, 4)));
    },
    indexOfDate: (date) => byDate.get(date),
    lowerBound: (ts, key) =>
      search(
        (i) =>
          (key === 'midnight' ? (midnights[i] ?? Infinity) : (sessions[i]?.[key] ?? Infinity)) >=
          ts,
      ),
    lowerBoundDate: (date) => search((i) => (sessions[i]?.date ?? '9999') >= date),
  };
}
