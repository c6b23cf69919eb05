/**
 * @module gap_fill (seed 001), daily form: the open gaps down more than 2% from the previous close and the
 * gap is still open at the close (close below the previous close); entry at the next open, betting it fills.
 */
import type { Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const GAP_PCT = 2;

export const gapFill: Strategy = {
  name: 'gap_fill',
  rule: 'open more than 2% below the previous close and the close still below the previous close',
  warmup: 1,
  unavailable: () => null,
  signals(s) {
    return signalsWhere(s.close.length, 1, (i) => {
      const prev = s.close[i - 1] as number;
      return (s.open[i] as number) < prev * (1 - GAP_PCT / 100) && (s.close[i] as number) < prev;
    });
  },
};
