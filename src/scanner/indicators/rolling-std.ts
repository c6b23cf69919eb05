/**
 * @module Rolling population standard deviation, O(n): a sliding Welford update (mean and sum of squared
 * deviations, never a sum of squares of prices, so a near-flat window of large prices keeps its precision),
 * recomputed exactly by two passes every `period` steps so rounding cannot accumulate. Equals
 * technicalindicators' SD shifted by period - 1.
 */
import { firstFinite, nanArray } from './first-finite.ts';

export function rollingStd(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  const s = firstFinite(values);
  let mean = 0;
  let m2 = 0;
  for (let i = s; i < n; i += 1) {
    const k = i - s;
    const x = values[i] as number;
    if (k < period) {
      // The first window grows one value at a time.
      const d = x - mean;
      mean += d / (k + 1);
      m2 += d * (x - mean);
    } else if (k % period === 0) {
      // Exact two-pass recompute of values[i - period + 1 .. i].
      let sum = 0;
      for (let j = i - period + 1; j <= i; j += 1) sum += values[j] as number;
      mean = sum / period;
      m2 = 0;
      for (let j = i - period + 1; j <= i; j += 1) {
        const d = (values[j] as number) - mean;
        m2 += d * d;
      }
    } else {
      // Slide: x enters, y leaves.
      const y = values[i - period] as number;
      const before = mean;
      mean += (x - y) / period;
      m2 += (x - y) * (x - mean + y - before);
    }
    if (k >= period - 1) out[i] = Math.sqrt(Math.max(0, m2 / period));
  }
  return out;
}
