/**
 * @module Bars of any timeframe for [tsStart, tsEnd), only those complete at tsNow (no lookahead). Minute and hour
 * buckets are aligned on New York midnight and aggregate minute bars; weeks and months aggregate daily bars and are
 * stamped at the midnight of their first session.
 */
import type { SimBar, SimTimeframe } from '../contracts.ts';
import { aggregateBars } from './bar-math.ts';
import { addDays, weekdayOf } from './ny-time.ts';
import type { Timeline } from './timeline.ts';

const MINUTE_MS = 60_000;
const GROUP_LOOKAHEAD_MS = 40 * 86_400_000;

export interface BarSource {
  readonly timeline: Timeline;
  /** Minute bars of the session at this timeline index. */
  minuteBars(symbol: string, index: number): SimBar[];
  /** The daily bar of the session at this timeline index. */
  dailyBar(symbol: string, index: number): SimBar;
}

function intradayBars(
  src: BarSource,
  symbol: string,
  bucketMs: number,
  tsStart: number,
  end: number,
  tsNow: number,
): SimBar[] {
  const { timeline } = src;
  const out: SimBar[] = [];
  for (let i = timeline.lowerBound(tsStart + 1, 'tsClose'); i < timeline.sessions.length; i += 1) {
    const session = timeline.sessions[i];
    const midnight = timeline.midnights[i] ?? 0;
    if (!session || midnight >= end) break;
    let bucket: SimBar[] = [];
    let bucketStart = -1;
    const flush = (): void => {
      const complete = tsNow >= Math.min(bucketStart + bucketMs, session.tsClose);
      if (bucket.length > 0 && bucketStart >= tsStart && bucketStart < end && complete) {
        out.push(
          bucket.length === 1 && bucketMs === MINUTE_MS
            ? (bucket[0] as SimBar)
            : aggregateBars(bucketStart, bucket),
        );
      }
      bucket = [];
    };
    for (const bar of src.minuteBars(symbol, i)) {
      const start = midnight + Math.floor((bar.t - midnight) / bucketMs) * bucketMs;
      if (start !== bucketStart) {
        flush();
        bucketStart = start;
      }
      bucket.push(bar);
    }
    flush();
  }
  return out;
}

function dailyBars(
  src: BarSource,
  symbol: string,
  tsStart: number,
  end: number,
  tsNow: number,
): SimBar[] {
  const { timeline } = src;
  const out: SimBar[] = [];
  for (let i = timeline.lowerBound(tsStart, 'midnight'); i < timeline.sessions.length; i += 1) {
    const session = timeline.sessions[i];
    if (!session || (timeline.midnights[i] ?? Infinity) >= end || session.tsClose > tsNow) break;
    out.push(src.dailyBar(symbol, i));
  }
  return out;
}

function groupKeyOf(unit: 'Week' | 'Month', amount: number): (date: string) => string {
  if (unit === 'Week') return (date) => addDays(date, -((weekdayOf(date) + 6) % 7));
  return (date) =>
    String(Math.floor((Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1) / amount));
}

function groupedBars(
  src: BarSource,
  symbol: string,
  key: (date: string) => string,
  tsStart: number,
  end: number,
  tsNow: number,
): SimBar[] {
  const { timeline } = src;
  timeline.ensureTs(end + GROUP_LOOKAHEAD_MS);
  const out: SimBar[] = [];
  const { sessions, midnights } = timeline;
  let i = timeline.lowerBound(tsStart, 'midnight');
  // Skip a group that began before tsStart.
  const first = sessions[i];
  const before = sessions[i - 1];
  if (first && before && key(before.date) === key(first.date)) {
    const k = key(first.date);
    while (sessions[i] && key(sessions[i]?.date ?? '') === k) i += 1;
  }
  while (i < sessions.length && (midnights[i] ?? Infinity) < end) {
    const k = key(sessions[i]?.date ?? '');
    let j = i;
    while (j + 1 < sessions.length && key(sessions[j + 1]?.date ?? '') === k) j += 1;
    const last = sessions[j];
    if (!last || last.tsClose > tsNow || j + 1 >= sessions.length) break;
    const days: SimBar[] = [];
    for (let d = i; d <= j; d += 1) days.push(src.dailyBar(symbol, d));
    out.push(aggregateBars(midnights[i] ?? 0, days));
    i = j + 1;
  }
  return out;
}

/** Bars of a timeframe whose start is in [tsStart, tsEnd) and which are complete at tsNow. */
export function barsForTimeframe(
  src: BarSource,
  symbol: string,
  timeframe: SimTimeframe,
  tsStart: number,
  tsEnd: number,
  tsNow: number,
): SimBar[] {
  const end = Math.min(tsEnd, tsNow);
  if (!(end > tsStart)) return [];
  src.timeline.ensureTs(end);
  switch (timeframe.unit) {
    case 'Min':
      return intradayBars(src, symbol, timeframe.amount * MINUTE_MS, tsStart, end, tsNow);
    case 'Hour':
      return intradayBars(src, symbol, timeframe.amount * 60 * MINUTE_MS, tsStart, end, tsNow);
    case 'Day':
      return dailyBars(src, symbol, tsStart, end, tsNow);
    case 'Week':
    case 'Month':
      return groupedBars(
        src,
        symbol,
        groupKeyOf(timeframe.unit, timeframe.amount),
        tsStart,
        end,
        tsNow,
      );
  }
}
