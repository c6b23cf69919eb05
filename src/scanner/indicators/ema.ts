/**
 * @module Exponential moving average seeded with the SMA of the first `period` values (k = 2 / (period + 1)).
 * The recurrence e = a e' + k x (a = 1 - k) is one long dependency chain; stepping two values at a time,
 * e[i+1] = a^2 e[i-1] + a k x[i] + k x[i+1], halves the chain (same values to ~1e-15).
 */
import { firstFinite } from './first-finite.ts';
import { outputArray } from './output-array.ts';

/** out[i] aligns with technicalindicators' EMA output shifted by period - 1; NaN before. */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  const k = 2 / (period + 1);
  const a = 1 - k;
  const a2 = a * a;
  const ak = a * k;
  const n = values.length;
  const out = outputArray(n);
  const s = firstFinite(values);
  out.fill(Number.NaN, 0, Math.min(n, s + period - 1));
  if (n - s < period) return out;
  let sum = 0;
  for (let i = s; i < s + period; i += 1) sum += values[i] as number;
  let prev = sum / period;
  out[s + period - 1] = prev;
  let i = s + period;
  for (; i + 1 < n; i += 2) {
    const x0 = values[i] as number;
    const x1 = values[i + 1] as number;
    out[i] = a * prev + k * x0;
    prev = a2 * prev + (ak * x0 + k * x1);
    out[i + 1] = prev;
  }
  if (i < n) out[i] = a * prev + k * (values[i] as number);
  return out;
}
