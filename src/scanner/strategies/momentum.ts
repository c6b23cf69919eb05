/** @module momentum (seed 002): 20-day momentum above 5%, confirmed by rising volume (20-day average > 60-day average). */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const MOMENTUM_THRESHOLD = 0.05;

export const momentum: Strategy = {
  name: 'momentum',
  rule: '20-day return > 5% and 20-day average volume > 60-day average volume',
  warmup: 60,
  unavailable: () => null,
  signals(s, ctx) {
    const ind = ctx.indicators(s);
    const roc = ind.roc(20);
    const v20 = ind.smaVolume(20);
    const v60 = ind.smaVolume(60);
    return signalsWhere(
      s.close.length,
      59,
      (i) => (roc[i] as number) > MOMENTUM_THRESHOLD && (v20[i] as number) > (v60[i] as number),
    );
  },
};
