/**
 * @module vol_managed_momentum (seed 001): 12-1 momentum (the return from 252 to 21 sessions ago) scaled by
 * the inverse of the 63-day annualised volatility; entry while momentum is positive and the scaled score > 0.5.
 */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const SCORE_THRESHOLD = 0.5;

export const volManagedMomentum: Strategy = {
  name: 'vol_managed_momentum',
  rule: '12-1 momentum > 0 and momentum / 63-day annualised volatility > 0.5',
  warmup: 253,
  unavailable: () => null,
  signals(s, ctx) {
    const ind = ctx.indicators(s);
    const mom = ind.roc(252, 21);
    const vol = ind.volatility(63);
    return signalsWhere(s.close.length, 252, (i) => {
      const m = mom[i] as number;
      const v = vol[i] as number;
      return m > 0 && v > 0 && m / v > SCORE_THRESHOLD;
    });
  },
};
