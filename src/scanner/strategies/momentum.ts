/** @module momentum (seed 002): 20-day momentum above 5%, confirmed by rising volume (20-day average > 60-day average). */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const MOMENTUM_THRESHOLD = 0.05;
const PARAMETERS = [
  { name: 'lookback', min: 10, max: 60, step: 10, default: 20 },
  { name: 'threshold_pct', min: 2, max: 10, step: 1, default: MOMENTUM_THRESHOLD * 100 },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const threshold = paramOf(p, 'threshold_pct') / 100;
  const ind = ctx.indicators(s);
  const roc = ind.roc(paramOf(p, 'lookback'));
  const v20 = ind.smaVolume(20);
  const v60 = ind.smaVolume(60);
  return signalsWhere(
    s.close.length,
    59,
    (i) => (roc[i] as number) > threshold && (v20[i] as number) > (v60[i] as number),
  );
}

export const momentum: ParameterizedStrategy = {
  name: 'momentum',
  rule: '20-day return > 5% and 20-day average volume > 60-day average volume',
  warmup: 60,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
