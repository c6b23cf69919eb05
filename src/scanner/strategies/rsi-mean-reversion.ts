/** @module rsi_mean_reversion (seed 002): RSI(14) < 35 and rising, close within 5% of the 20-day VWAP. */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const rsiMeanReversion: Strategy = {
  name: 'rsi_mean_reversion',
  rule: "RSI(14) < 35 and above the previous day's RSI, close within 5% of the 20-day typical-price VWAP",
  warmup: 20,
  unavailable: () => null,
  signals(s, ctx) {
    const ind = ctx.indicators(s);
    const r = ind.rsi(14);
    const vw = ind.vwap(20);
    return signalsWhere(s.close.length, 15, (i) => {
      const v = r[i] as number;
      return (
        v < 35 &&
        v > (r[i - 1] as number) &&
        Math.abs((s.close[i] as number) / (vw[i] as number) - 1) <= 0.05
      );
    });
  },
};
