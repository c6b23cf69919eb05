/**
 * @module Daily VWAP in its typical-price form: sum(tp x volume) / sum(volume) over the last `window`
 * sessions, tp = (high + low + close) / 3; NaN until the window is full. window = Infinity gives the cumulative
 * VWAP from the first bar, which is technicalindicators' VWAP.
 */
import { outputArray } from './output-array.ts';

const THIRD = 1 / 3;

/** Typical price x volume (x 1/3 rather than / 3: one division per bar fewer, same value to 1 ulp). */
const tpv = (
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  i: number,
): number =>
  ((high[i] as number) + (low[i] as number) + (close[i] as number)) * THIRD * (volume[i] as number);

/**
 * The cumulative form in its own tight loop, two bars per step (the running sums' chains are shorter);
 * 0 / 0 gives NaN while no volume has traded.
 */
function cumulativeVwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = out.length;
  const tp = (i: number): number => (high[i] as number) + (low[i] as number) + (close[i] as number);
  let sumPv = 0;
  let sumV = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v0 = volume[i] as number;
    const v1 = volume[i + 1] as number;
    const pv0 = sumPv + tp(i) * v0;
    const sv0 = sumV + v0;
    sumPv = pv0 + tp(i + 1) * v1;
    sumV = sv0 + v1;
    out[i] = (pv0 * THIRD) / sv0;
    out[i + 1] = (sumPv * THIRD) / sumV;
  }
  if (i < n)
    out[i] = ((sumPv + tp(i) * (volume[i] as number)) * THIRD) / (sumV + (volume[i] as number));
  return out;
}

export function vwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  window = 20,
): Float64Array {
  const n = high.length;
  const out = outputArray(n);
  if (window === Infinity) return cumulativeVwap(high, low, close, volume, out);
  const first = Math.min(n, window - 1);
  out.fill(Number.NaN, 0, first);
  let sumPv = 0;
  let sumV = 0;
  for (let i = 0; i < n; i += 1) {
    sumPv += tpv(high, low, close, volume, i);
    sumV += volume[i] as number;
    if (i >= window) {
      sumPv -= tpv(high, low, close, volume, i - window);
      sumV -= volume[i - window] as number;
    }
    if (i >= first) out[i] = sumV > 0 ? sumPv / sumV : Number.NaN;
  }
  return out;
}
