/** @module Daily log returns: out[i] = ln(close[i] / close[i-1]); NaN on the first bar. */
import { nanArray } from './first-finite.ts';

export function logReturns(close: ArrayLike<number>): Float64Array {
  const n = close.length;
  const out = nanArray(n);
  for (let i = 1; i < n; i += 1) out[i] = Math.log((close[i] as number) / (close[i - 1] as number));
  return out;
}
