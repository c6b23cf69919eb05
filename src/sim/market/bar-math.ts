/** @module Bar construction from integer cents and aggregation of bars into longer bars (o/h/l/c/v/n/vw). */
import type { SimBar } from '../contracts.ts';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A bar from integer-cent prices; vw is the typical price (h+l+c)/3. */
export function barFromCents(
  t: number,
  o: number,
  h: number,
  l: number,
  c: number,
  v: number,
  n: number,
): SimBar {
  return { t, o: o / 100, h: h / 100, l: l / 100, c: c / 100, v, n, vw: round4((h + l + c) / 300) };
}

/** Number of trades of a day: volume over the symbol's average trade size (at least 1). */
export function tradeCount(volume: number, avgTradeSize: number): number {
  return Math.max(1, Math.round(volume / avgTradeSize));
}

/** Aggregates consecutive bars into one stamped t: first open, max high, min low, last close, sums, volume-weighted vw. */
export function aggregateBars(t: number, bars: readonly SimBar[]): SimBar {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) throw new Error('aggregateBars needs at least one bar');
  let h = first.h;
  let l = first.l;
  let v = 0;
  let n = 0;
  let pv = 0;
  for (const b of bars) {
    if (b.h > h) h = b.h;
    if (b.l < l) l = b.l;
    v += b.v;
    n += b.n;
    pv += b.vw * b.v;
  }
  return { t, o: first.o, h, l, c: last.c, v, n, vw: v > 0 ? round4(pv / v) : last.c };
}
