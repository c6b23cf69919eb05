/** @module ma_crossover (seed 002): the 20-day SMA crosses above the 100-day SMA while ADX(14) > 20. */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const maCrossover: Strategy = {
  name: 'ma_crossover',
  rule: 'SMA(20) crosses above SMA(100) (below or equal the day before) with ADX(14) > 20',
  warmup: 101,
  unavailable: () => null,
  signals(s, ctx) {
    const ind = ctx.indicators(s);
    const fast = ind.sma(20);
    const slow = ind.sma(100);
    const a = ind.adx(14).adx;
    return signalsWhere(
      s.close.length,
      100,
      (i) =>
        (fast[i] as number) > (slow[i] as number) &&
        (fast[i - 1] as number) <= (slow[i - 1] as number) &&
        (a[i] as number) > 20,
    );
  },
};
