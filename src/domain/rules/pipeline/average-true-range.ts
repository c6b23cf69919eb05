/** @module The average true range of the last `period` daily bars, pure (simple mean of the true ranges). */

export interface OhlcBar {
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export const ATR_PERIOD = 14;

/** Null with fewer than period + 1 bars (the first true range needs a previous close). */
export function averageTrueRange(bars: readonly OhlcBar[], period = ATR_PERIOD): number | null {
  if (bars.length < period + 1) return null;
  const recent = bars.slice(-(period + 1));
  let sum = 0;
  for (let i = 1; i < recent.length; i += 1) {
    const b = recent[i];
    const prev = recent[i - 1];
    if (b === undefined || prev === undefined) return null;
    sum += Math.max(b.high - b.low, Math.abs(b.high - prev.close), Math.abs(b.low - prev.close));
  }
  const atr = sum / period;
  return Number.isFinite(atr) && atr > 0 ? atr : null;
}
