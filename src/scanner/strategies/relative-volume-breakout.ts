/** @module relative_volume_breakout (seed 001): a close above the prior 20-day high on at least twice the usual volume. */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const relativeVolumeBreakout: Strategy = {
  name: 'relative_volume_breakout',
  rule: 'close above the highest high of the previous 20 sessions, volume > 2x the previous 20-day average',
  warmup: 21,
  unavailable: () => null,
  signals(s, ctx) {
    const ind = ctx.indicators(s);
    const hh = ind.highest(20);
    const rv = ind.relativeVolume(20);
    return signalsWhere(
      s.close.length,
      20,
      (i) => (s.close[i] as number) > (hh[i - 1] as number) && (rv[i] as number) > 2,
    );
  },
};
