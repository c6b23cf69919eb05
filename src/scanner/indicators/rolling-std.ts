/**
 * @module Rolling population standard deviation, O(n): a sliding Welford update (mean and sum of squared
 * deviations, never a sum of squares of prices, so a near-flat window of large prices keeps its precision),
 * recomputed exactly by two passes every `period` steps so rounding cannot accumulate, and at once when a
 * value leaving shrinks the deviation sum 10,000-fold (a spike leaving the window). Equals technicalindicators'
 * SD shifted by period - 1.
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
    } else {
      // Slide: x enters, y leaves; recompute exactly every period, or when the slide cancelled most of m2.
      const y = values[i - period] as number;
      const before = mean;
      const m2Before = m2;
      mean += (x - y) / period;
      m2 += (x - y) * (x - mean + y - before);
      if (k % period === 0 || m2 < m2Before * 1e-4)
        [mean, m2] = exactMoments(values, i - period + 1, i);
    }
    if (k >= period - 1) out[i] = Math.sqrt(Math.max(0, m2 / period));
  }
  return out;
}

/** Mean and sum of squared deviations of values[first..last], by two passes. */
function exactMoments(values: ArrayLike<number>, first: number, last: number): [number, number] {
  const n = last - first + 1;
  let sum = 0;
  for (let j = first; j <= last; j += 1) sum += values[j] as number;
  const mean = sum / n;
  let m2 = 0;
  for (let j = first; j <= last; j += 1) {
    const d = (values[j] as number) - mean;
    m2 += d * d;
  }
  return [mean, m2];
}
