/**
 * @module Average directional index (Wilder): smoothed +DM/-DM over smoothed true range give +DI/-DI,
 * DX = |+DI - -DI| / (+DI + -DI) x 100, ADX = Wilder's average of DX. First value at index 2 x period - 1.
 */
import { nanArray } from './first-finite.ts';

export interface AdxResult {
  readonly adx: Float64Array;
  readonly pdi: Float64Array;
  readonly mdi: Float64Array;
}

export function adx(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): AdxResult {
  const n = high.length;
  const out = { adx: nanArray(n), pdi: nanArray(n), mdi: nanArray(n) };
  let str = 0;
  let spdm = 0;
  let smdm = 0;
  let dxSum = 0;
  let prevAdx = Number.NaN;
  for (let i = 1; i < n; i += 1) {
    const h = high[i] as number;
    const l = low[i] as number;
    const pc = close[i - 1] as number;
    const up = h - (high[i - 1] as number);
    const down = (low[i - 1] as number) - l;
    const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
    const pdm = up > down && up > 0 ? up : 0;
    const mdm = down > up && down > 0 ? down : 0;
    // Wilder's running sums: plain sums for the first `period` values, then S - S / period + v.
    if (i <= period) {
      str += tr;
      spdm += pdm;
      smdm += mdm;
      if (i < period) continue;
    } else {
      str = str - str / period + tr;
      spdm = spdm - spdm / period + pdm;
      smdm = smdm - smdm / period + mdm;
    }
    const pdi = (spdm * 100) / str;
    const mdi = (smdm * 100) / str;
    const sum = pdi + mdi;
    const dx = sum === 0 ? 0 : (Math.abs(pdi - mdi) / sum) * 100;
    out.pdi[i] = pdi;
    out.mdi[i] = mdi;
    const k = i - period; // index of this DX among DX values
    if (k < period) {
      dxSum += dx;
      if (k === period - 1) prevAdx = dxSum / period;
    } else {
      prevAdx = (dx - prevAdx) / period + prevAdx;
    }
    if (k >= period - 1) out.adx[i] = prevAdx;
  }
  return out;
}
