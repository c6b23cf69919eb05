/**
 * @module The ml_momentum features of seed 002, per bar from bars at or before it: returns over 1, 5 and 20 days,
 * price ratios to SMA(20) and SMA(50), RSI(14), 20-day volatility and the log volume ratio to its 20-day mean.
 */
import type { IndicatorSet } from '../indicator-set.ts';
import type { Series } from '../series.ts';

export const FEATURE_COUNT = 8;
/** The first bar with every feature defined. */
export const FEATURE_START = 50;

/** Row-major n x FEATURE_COUNT matrix; rows before FEATURE_START are NaN. */
export function momentumFeatures(s: Series, ind: IndicatorSet): Float64Array {
  const n = s.close.length;
  const out = new Float64Array(n * FEATURE_COUNT).fill(Number.NaN);
  const sma20 = ind.sma(20);
  const sma50 = ind.sma(50);
  const rsi = ind.rsi(14);
  const vol = ind.volatility(20);
  const vAvg = ind.smaVolume(20);
  const c = s.close;
  for (let i = FEATURE_START; i < n; i += 1) {
    const ci = c[i] as number;
    const row = i * FEATURE_COUNT;
    out[row] = ci / (c[i - 1] as number) - 1;
    out[row + 1] = ci / (c[i - 5] as number) - 1;
    out[row + 2] = ci / (c[i - 20] as number) - 1;
    out[row + 3] = ci / (sma20[i] as number) - 1;
    out[row + 4] = ci / (sma50[i] as number) - 1;
    out[row + 5] = (rsi[i] as number) / 100 - 0.5;
    out[row + 6] = vol[i] as number;
    const va = vAvg[i] as number;
    out[row + 7] =
      va > 0 && (s.volume[i] as number) > 0 ? Math.log((s.volume[i] as number) / va) : 0;
  }
  return out;
}
