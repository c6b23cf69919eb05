/**
 * @module A parameter schedule: which parameters a strategy used on which dates, as walk-forward optimisation
 * chose them (each step's parameters were chosen on data before its `from` date only). Signals before the
 * first out-of-sample date are suppressed, so every trade the scan counts was made with parameters chosen
 * without seeing it.
 */
import type { Series } from '../../series.ts';
import type { ParamValues } from './parameter-spec.ts';

export interface ParamStep {
  /** First session (YYYY-MM-DD) these parameters apply to. */
  readonly from: string;
  readonly params: ParamValues;
}

export interface ParamSchedule {
  /** Which research task chose them. */
  readonly source: 'wfo' | 'ga';
  /** Ascending by `from`; the first step's `from` is the first out-of-sample session. */
  readonly steps: readonly ParamStep[];
}

export const scheduleKey = (strategy: string, symbol: string): string =>
  `${strategy}\u0000${symbol}`;

/** Index of the first bar dated on or after `date` (the series length when none is). */
export function firstIndexOnOrAfter(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((dates[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Signals stitched from each step's parameters over its own dates; zero before the first step. */
export function scheduledSignals(
  series: Series,
  schedule: ParamSchedule,
  signalsWith: (params: ParamValues) => Uint8Array,
): Uint8Array {
  const n = series.close.length;
  const out = new Uint8Array(n);
  schedule.steps.forEach((step, k) => {
    const from = firstIndexOnOrAfter(series.dates, step.from);
    const next = schedule.steps[k + 1];
    const to = next === undefined ? n : firstIndexOnOrAfter(series.dates, next.from);
    if (to <= from) return;
    out.set(signalsWith(step.params).subarray(from, to), from);
  });
  return out;
}
