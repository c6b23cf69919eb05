/**
 * @module Rolling population standard deviation, O(n): running sums of values shifted by a reference that
 * is re-anchored to a recent value every `period` steps (sums recomputed then, 2n work in all), so large
 * prices with small variance keep their precision. Equals technicalindicators' SD shifted by period - 1.
 */
import { firstFinite, nanArray } from './first-finite.ts';

export function rollingStd(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  const s = firstFinite(values);
  let ref = s < n ? (values[s] as number) : 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = s; i < n; i += 1) {
    if (i - s >= period && (i - s) % period === 0) {
      // Re-anchor: the window is values[i - period + 1 .. i], measured from its first value.
      ref = values[i - period + 1] as number;
      sum = 0;
      sumSq = 0;
      for (let j = i - period + 1; j <= i; j += 1) {
        const x = (values[j] as number) - ref;
        sum += x;
        sumSq += x * x;
      }
    } else {
      const x = (values[i] as number) - ref;
      sum += x;
      sumSq += x * x;
      if (i - s >= period) {
        const y = (values[i - period] as number) - ref;
        sum -= y;
        sumSq -= y * y;
      }
    }
    if (i - s >= period - 1) {
      const mean = sum / period;
      out[i] = Math.sqrt(Math.max(0, sumSq / period - mean * mean));
    }
  }
  return out;
}
