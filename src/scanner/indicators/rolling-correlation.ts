/**
 * @module Rolling Pearson correlation of two aligned series over `window` points, O(n): running sums of values
 * shifted by a reference re-anchored to the window's first point every `window` steps (as in the rolling SD),
 * so a long series that drifts far from its start keeps its precision.
 */
import { nanArray } from './first-finite.ts';

interface Sums {
  ra: number;
  rb: number;
  sa: number;
  sb: number;
  saa: number;
  sbb: number;
  sab: number;
}

function add(s: Sums, x0: number, y0: number, sign: 1 | -1): void {
  const x = x0 - s.ra;
  const y = y0 - s.rb;
  s.sa += sign * x;
  s.sb += sign * y;
  s.saa += sign * x * x;
  s.sbb += sign * y * y;
  s.sab += sign * x * y;
}

export function rollingCorrelation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  window: number,
): Float64Array {
  const n = Math.min(a.length, b.length);
  const out = nanArray(n);
  let s = 0;
  while (s < n && !(Number.isFinite(a[s]) && Number.isFinite(b[s]))) s += 1;
  if (s >= n) return out;
  const sums: Sums = {
    ra: a[s] as number,
    rb: b[s] as number,
    sa: 0,
    sb: 0,
    saa: 0,
    sbb: 0,
    sab: 0,
  };
  for (let i = s; i < n; i += 1) {
    if (i - s >= window && (i - s) % window === 0) {
      const first = i - window + 1;
      Object.assign(sums, {
        ra: a[first] as number,
        rb: b[first] as number,
        sa: 0,
        sb: 0,
        saa: 0,
        sbb: 0,
        sab: 0,
      });
      for (let j = first; j <= i; j += 1) add(sums, a[j] as number, b[j] as number, 1);
    } else {
      add(sums, a[i] as number, b[i] as number, 1);
      if (i - s >= window) add(sums, a[i - window] as number, b[i - window] as number, -1);
    }
    if (i - s >= window - 1) {
      const cov = sums.sab - (sums.sa * sums.sb) / window;
      const va = sums.saa - (sums.sa * sums.sa) / window;
      const vb = sums.sbb - (sums.sb * sums.sb) / window;
      out[i] = va > 0 && vb > 0 ? Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb))) : Number.NaN;
    }
  }
  return out;
}
