/** @module Wilder's RSI: average gain and loss seeded with their simple means over the first `period` changes. */
import { nanArray } from './first-finite.ts';

const rsiOf = (gain: number, loss: number): number =>
  loss === 0 ? 100 : gain === 0 ? 0 : 100 - 100 / (1 + gain / loss);

/** out[i] is the RSI after the change closes[i] - closes[i-1]; the first value is at index `period`. */
export function rsi(closes: ArrayLike<number>, period = 14): Float64Array {
  const n = closes.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i += 1) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  for (let i = period + 1; i < n; i += 1) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = rsiOf(gain, loss);
  }
  return out;
}
