/** @module mean_reversion (seed 001): buy a close stretched two standard deviations below its 20-day mean. */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const meanReversion: Strategy = {
  name: 'mean_reversion',
  rule: 'z-score of the close against its 20-day SMA and SD below -2',
  warmup: 20,
  unavailable: () => null,
  signals(s, ctx) {
    const z = ctx.indicators(s).zScore(20);
    return signalsWhere(s.close.length, 19, (i) => (z[i] as number) < -2);
  },
};
