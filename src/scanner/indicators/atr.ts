/**
 * @module Average true range: Wilder's average of the true range (first value at index `period`), in one pass
 * with no intermediate array. True range as max(high, prev close) - min(low, prev close): the same number as
 * max(high - low, |high - prev close|, |low - prev close|) with fewer operations. Like the EMA kernel it steps
 * two values at a time (avg[i+1] = a^2 avg[i-1] + a k tr[i] + k tr[i+1], k = 1 / period) to halve the chain.
 */
import { outputArray } from './output-array.ts';

export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  const n = high.length;
  const out = outputArray(n);
  out.fill(Number.NaN, 0, Math.min(n, period));
  if (n <= period) return out;
  const tr = (i: number): number => {
    const pc = close[i - 1] as number;
    return Math.max(high[i] as number, pc) - Math.min(low[i] as number, pc);
  };
  let sum = 0;
  for (let i = 1; i <= period; i += 1) sum += tr(i);
  let avg = sum / period;
  out[period] = avg;
  const k = 1 / period;
  const a = 1 - k;
  const a2 = a * a;
  const ak = a * k;
  let i = period + 1;
  for (; i + 1 < n; i += 2) {
    const t0 = tr(i);
    const t1 = tr(i + 1);
    out[i] = a * avg + k * t0;
    avg = a2 * avg + (ak * t0 + k * t1);
    out[i + 1] = avg;
  }
  if (i < n) out[i] = a * avg + k * tr(i);
  return out;
}
