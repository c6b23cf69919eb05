/** @module Relative volume: today's volume over the mean volume of the previous `window` sessions (today excluded). */
import { nanArray } from './first-finite.ts';

export function relativeVolume(volume: ArrayLike<number>, window = 20): Float64Array {
  const n = volume.length;
  const out = nanArray(n);
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    if (i >= window) {
      const mean = sum / window;
      if (mean > 0) out[i] = (volume[i] as number) / mean;
      sum -= volume[i - window] as number;
    }
    sum += volume[i] as number;
  }
  return out;
}
