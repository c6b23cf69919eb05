/** @module rsi_mean_reversion (seed 002): RSI(14) < 35 and rising, close within 5% of the 20-day VWAP. */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const PARAMETERS = [
  { name: 'rsi_period', min: 7, max: 21, step: 7, default: 14 },
  { name: 'rsi_below', min: 20, max: 45, step: 5, default: 35 },
  { name: 'vwap_band_pct', min: 1, max: 9, step: 2, default: 5 },
];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, ctx: StrategyContext, p: ParamValues): Uint8Array {
  const period = paramOf(p, 'rsi_period');
  const below = paramOf(p, 'rsi_below');
  const band = paramOf(p, 'vwap_band_pct') / 100;
  const ind = ctx.indicators(s);
  const r = ind.rsi(period);
  const vw = ind.vwap(20);
  return signalsWhere(s.close.length, period + 1, (i) => {
    const v = r[i] as number;
    return (
      v < below &&
      v > (r[i - 1] as number) &&
      Math.abs((s.close[i] as number) / (vw[i] as number) - 1) <= band
    );
  });
}

export const rsiMeanReversion: ParameterizedStrategy = {
  name: 'rsi_mean_reversion',
  rule: "RSI(14) < 35 and above the previous day's RSI, close within 5% of the 20-day typical-price VWAP",
  warmup: 20,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s, ctx) => signalsWith(s, ctx, DEFAULTS),
};
