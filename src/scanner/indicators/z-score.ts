/**
 * @module Rolling z-score: (x - SMA(x, window)) / SD(x, window), population SD; NaN when the SD is below
 * 1e-9 of the mean (a flat window: the rolling SD's rounding noise would make any z-score meaningless).
 */
import { outputArray } from './output-array.ts';
import { rollingStd } from './rolling-std.ts';
import { sma } from './sma.ts';

export function zScore(values: ArrayLike<number>, window = 20): Float64Array {
  const mean = sma(values, window);
  const sd = rollingStd(values, window);
  const out = outputArray(values.length);
  for (let i = 0; i < out.length; i += 1) {
    const s = sd[i] as number;
    out[i] =
      s > 1e-9 * Math.abs(mean[i] as number)
        ? ((values[i] as number) - (mean[i] as number)) / s
        : Number.NaN;
  }
  return out;
}
