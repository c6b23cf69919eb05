/** @module Simple moving average, O(n) with a running sum; NaN until `period` values are in. */
import { firstFinite, nanArray } from './first-finite.ts';

/** out[i] = mean(values[i - period + 1 .. i]); equals technicalindicators' SMA shifted by period - 1. */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  const s = firstFinite(values);
  let sum = 0;
  for (let i = s; i < n; i += 1) {
    sum += values[i] as number;
    if (i - s >= period) sum -= values[i - period] as number;
    if (i - s >= period - 1) out[i] = sum / period;
  }
  return out;
}
