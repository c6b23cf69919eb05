/**
 * @module Rolling Pearson correlation of two aligned series over `window` points, O(n): sliding Welford
 * co-moments (means, squared deviations and the cross deviation, never raw sums of products, so near-flat
 * windows keep their precision), recomputed exactly by two passes every `window` steps, as the rolling SD,
 * and at once when a point leaving shrinks a deviation sum 10,000-fold (a volume spike leaving the window:
 * what remains would otherwise be rounding noise of the spike).
 */
import { nanArray } from './first-finite.ts';

interface Moments {
  n: number;
  ma: number;
  mb: number;
  /** Sums of squared deviations from the means, and of their cross products. */
  caa: number;
  cbb: number;
  cab: number;
}

/** Welford: one point joins (n grows by one). */
function join(m: Moments, x: number, y: number): void {
  m.n += 1;
  const dx = x - m.ma;
  const dy = y - m.mb;
  m.ma += dx / m.n;
  m.mb += dy / m.n;
  m.caa += dx * (x - m.ma);
  m.cbb += dy * (y - m.mb);
  m.cab += dx * (y - m.mb);
}

/** The inverse of join: one point leaves (n shrinks by one). */
function leave(m: Moments, x: number, y: number): void {
  const ma = (m.n * m.ma - x) / (m.n - 1);
  const mb = (m.n * m.mb - y) / (m.n - 1);
  m.caa -= (x - ma) * (x - m.ma);
  m.cbb -= (y - mb) * (y - m.mb);
  m.cab -= (x - ma) * (y - m.mb);
  m.ma = ma;
  m.mb = mb;
  m.n -= 1;
}

/** A leave cancelled most of a deviation sum: what is left carries the removed value's rounding error. */
const CANCELLED = 1e-4;

/** Two passes over a[first..last] and b[first..last]. */
function exact(a: ArrayLike<number>, b: ArrayLike<number>, first: number, last: number): Moments {
  const n = last - first + 1;
  let sa = 0;
  let sb = 0;
  for (let j = first; j <= last; j += 1) {
    sa += a[j] as number;
    sb += b[j] as number;
  }
  const m: Moments = { n, ma: sa / n, mb: sb / n, caa: 0, cbb: 0, cab: 0 };
  for (let j = first; j <= last; j += 1) {
    const dx = (a[j] as number) - m.ma;
    const dy = (b[j] as number) - m.mb;
    m.caa += dx * dx;
    m.cbb += dy * dy;
    m.cab += dx * dy;
  }
  return m;
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
  let m: Moments = { n: 0, ma: 0, mb: 0, caa: 0, cbb: 0, cab: 0 };
  for (let i = s; i < n; i += 1) {
    const k = i - s;
    if (k >= window && k % window === 0) m = exact(a, b, i - window + 1, i);
    else {
      const { caa, cbb } = m;
      if (k >= window) leave(m, a[i - window] as number, b[i - window] as number);
      join(m, a[i] as number, b[i] as number);
      if (m.caa < caa * CANCELLED || m.cbb < cbb * CANCELLED) m = exact(a, b, i - window + 1, i);
    }
    if (k >= window - 1) {
      out[i] =
        m.caa > 0 && m.cbb > 0
          ? Math.max(-1, Math.min(1, m.cab / Math.sqrt(m.caa * m.cbb)))
          : Number.NaN;
    }
  }
  return out;
}
