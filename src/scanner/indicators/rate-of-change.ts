/** @module Rate of change: out[i] = values[i - skip] / values[i - lookback] - 1 (skip = 0: today's close). */
import { nanArray } from './first-finite.ts';

export function rateOfChange(values: ArrayLike<number>, lookback: number, skip = 0): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  for (let i = lookback; i < n; i += 1)
    out[i] = (values[i - skip] as number) / (values[i - lookback] as number) - 1;
  return out;
}
