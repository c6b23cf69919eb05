/**
 * @module gap_fill (seed 001), daily form: the open gaps down more than 2% from the previous close and the
 * gap is still open at the close (close below the previous close); entry at the next open, betting it fills.
 */
import { defaultParams, paramOf, type ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';
import type { ParameterizedStrategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const GAP_PCT = 2;
const PARAMETERS = [{ name: 'gap_pct', min: 1, max: 4, step: 0.5, default: GAP_PCT }];
const DEFAULTS = defaultParams(PARAMETERS);

function signalsWith(s: Series, _ctx: unknown, p: ParamValues): Uint8Array {
  const gap = paramOf(p, 'gap_pct');
  return signalsWhere(s.close.length, 1, (i) => {
    const prev = s.close[i - 1] as number;
    return (s.open[i] as number) < prev * (1 - gap / 100) && (s.close[i] as number) < prev;
  });
}

export const gapFill: ParameterizedStrategy = {
  name: 'gap_fill',
  rule: 'open more than 2% below the previous close and the close still below the previous close',
  warmup: 1,
  parameters: PARAMETERS,
  unavailable: () => null,
  signalsWith,
  signals: (s) => signalsWith(s, null, DEFAULTS),
};
