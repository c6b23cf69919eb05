/** @module mean_reversion (seed 001): buy a close stretched two standard deviations below its 20-day mean. */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const PARAMETERS = [
  { name: 'window', min: 10, max: 40, step: 5, default: 20 },
  { name: 'entry_z', min: -3, max: -1, step: 0.25, default: -2 },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const window = paramOf(p, 'window');
  const entry = paramOf(p, 'entry_z');
  const z = ctx.indicators(s).zScore(window);
  return signalsWhere(s.close.length, window - 1, (i) => (z[i] as number) < entry);
}

export const meanReversion: ParameterizedStrategy = {
  name: 'mean_reversion',
  rule: 'z-score of the close against its 20-day SMA and SD below -2',
  warmup: 20,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
