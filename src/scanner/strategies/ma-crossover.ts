/** @module ma_crossover (seed 002): the 20-day SMA crosses above the 100-day SMA while ADX(14) > 20. */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const PARAMETERS = [
  { name: 'fast', min: 10, max: 50, step: 10, default: 20 },
  { name: 'slow', min: 50, max: 200, step: 25, default: 100 },
  { name: 'adx_min', min: 15, max: 30, step: 5, default: 20 },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const slowWindow = paramOf(p, 'slow');
  const adxMin = paramOf(p, 'adx_min');
  const ind = ctx.indicators(s);
  const fast = ind.sma(paramOf(p, 'fast'));
  const slow = ind.sma(slowWindow);
  const a = ind.adx(14).adx;
  return signalsWhere(
    s.close.length,
    slowWindow,
    (i) =>
      (fast[i] as number) > (slow[i] as number) &&
      (fast[i - 1] as number) <= (slow[i - 1] as number) &&
      (a[i] as number) > adxMin,
  );
}

export const maCrossover: ParameterizedStrategy = {
  name: 'ma_crossover',
  rule: 'SMA(20) crosses above SMA(100) (below or equal the day before) with ADX(14) > 20',
  warmup: 101,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
