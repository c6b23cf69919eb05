/** @module relative_volume_breakout (seed 001): a close above the prior 20-day high on at least twice the usual volume. */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const PARAMETERS = [
  { name: 'lookback', min: 10, max: 60, step: 10, default: 20 },
  { name: 'volume_multiple', min: 1.5, max: 3, step: 0.25, default: 2 },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const lookback = paramOf(p, 'lookback');
  const multiple = paramOf(p, 'volume_multiple');
  const ind = ctx.indicators(s);
  const hh = ind.highest(lookback);
  const rv = ind.relativeVolume(lookback);
  return signalsWhere(
    s.close.length,
    lookback,
    (i) => (s.close[i] as number) > (hh[i - 1] as number) && (rv[i] as number) > multiple,
  );
}

export const relativeVolumeBreakout: ParameterizedStrategy = {
  name: 'relative_volume_breakout',
  rule: 'close above the highest high of the previous 20 sessions, volume > 2x the previous 20-day average',
  warmup: 21,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
