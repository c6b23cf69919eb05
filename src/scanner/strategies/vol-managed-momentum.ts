/**
 * @module vol_managed_momentum (seed 001): 12-1 momentum (the return from 252 to 21 sessions ago) scaled by
 * the inverse of the 63-day annualised volatility; entry while momentum is positive and the scaled score > 0.5.
 */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const SCORE_THRESHOLD = 0.5;
const PARAMETERS = [
  { name: 'vol_window', min: 21, max: 126, step: 21, default: 63 },
  { name: 'score', min: 0.25, max: 1.5, step: 0.25, default: SCORE_THRESHOLD },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const score = paramOf(p, 'score');
  const ind = ctx.indicators(s);
  const mom = ind.roc(252, 21);
  const vol = ind.volatility(paramOf(p, 'vol_window'));
  return signalsWhere(s.close.length, 252, (i) => {
    const m = mom[i] as number;
    const v = vol[i] as number;
    return m > 0 && v > 0 && m / v > score;
  });
}

export const volManagedMomentum: ParameterizedStrategy = {
  name: 'vol_managed_momentum',
  rule: '12-1 momentum > 0 and momentum / 63-day annualised volatility > 0.5',
  warmup: 253,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
