/** @module Rolling annualised volatility: population std of daily log returns over `window` sessions x sqrt(252). */
import { logReturns } from './log-returns.ts';
import { rollingStd } from './rolling-std.ts';

export const TRADING_DAYS = 252;

export function volatility(close: ArrayLike<number>, window = 20): Float64Array {
  const out = rollingStd(logReturns(close), window);
  const k = Math.sqrt(TRADING_DAYS);
  for (let i = 0; i < out.length; i += 1) out[i] = (out[i] as number) * k;
  return out;
}
