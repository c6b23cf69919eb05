/**
 * @module Pairs formation for pairs_trading, walk-forward: every 126 sessions, over the previous 252 sessions,
 * each universe symbol's partner is the symbol whose weekly (5-session) log returns correlate best with its own
 * (weekly returns: less noise, and a fifth of the work of daily ones over 500 x 500 candidates); the pair is
 * kept when the Engle-Granger test finds the daily log prices cointegrated. During the next 126 sessions the spread
 * z-score is (ln A - alpha - beta ln B - mean) / sd with the formation window's parameters (no later data).
 */
import { engleGranger } from '../indicators/cointegration.ts';
import type { MarketData } from '../market-data.ts';
import type { Series } from '../series.ts';

export const FORMATION_WINDOW = 252;
export const TRADING_PERIOD = 126;
/** Sessions per return in the partner search. */
const STEP = 5;

interface Member {
  readonly symbol: string;
  readonly series: Series;
  readonly logClose: Float64Array;
}

/** Standardised 5-session log returns of each member over grid [from, to), rows of `len`, scaled so dot = correlation. */
function standardisedReturns(
  members: readonly Member[],
  from: number,
  to: number,
  len: number,
): Float64Array {
  const out = new Float64Array(members.length * len);
  const last = to - 1;
  members.forEach((m, k) => {
    const base = k * len;
    const off = last - m.series.start;
    let mean = 0;
    for (let t = 0; t < len; t += 1) {
      // Returns end at the window's last session and step back, so every member uses the same sessions.
      const r =
        (m.logClose[off - t * STEP] as number) - (m.logClose[off - (t + 1) * STEP] as number);
      out[base + t] = r;
      mean += r;
    }
    mean /= len;
    let ss = 0;
    for (let t = 0; t < len; t += 1) ss += ((out[base + t] as number) - mean) ** 2;
    const scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let t = 0; t < len; t += 1) out[base + t] = ((out[base + t] as number) - mean) * scale;
  });
  return out;
}

/** Dot product of two rows, four independent accumulators (the loop is latency-bound otherwise). */
function dotProduct(z: Float64Array, a: number, b: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < len; t += 4) {
    s0 += (z[a + t] as number) * (z[b + t] as number);
    s1 += (z[a + t + 1] as number) * (z[b + t + 1] as number);
    s2 += (z[a + t + 2] as number) * (z[b + t + 2] as number);
    s3 += (z[a + t + 3] as number) * (z[b + t + 3] as number);
  }
  for (; t < len; t += 1) s0 += (z[a + t] as number) * (z[b + t] as number);
  return s0 + s1 + (s2 + s3);
}

/** For each member, the index of its best-correlated other member (or -1). */
function bestPartners(z: Float64Array, m: number, len: number): Int32Array {
  const best = new Int32Array(m).fill(-1);
  const bestCorr = new Float64Array(m).fill(-Infinity);
  for (let a = 0; a < m; a += 1) {
    const ba = a * len;
    for (let b = a + 1; b < m; b += 1) {
      const bb = b * len;
      const dot = dotProduct(z, ba, bb, len);
      if (dot > (bestCorr[a] as number)) {
        bestCorr[a] = dot;
        best[a] = b;
      }
      if (dot > (bestCorr[b] as number)) {
        bestCorr[b] = dot;
        best[b] = a;
      }
    }
  }
  return best;
}

function formAt(
  members: readonly Member[],
  f: number,
  g: number,
  spreads: Map<string, Float64Array>,
): void {
  const from = f - FORMATION_WINDOW;
  const inWindow = members.filter(
    (m) => m.series.start <= from && m.series.start + m.series.close.length >= f,
  );
  if (inWindow.length < 2) return;
  const len = Math.floor((FORMATION_WINDOW - 1) / STEP);
  const partners = bestPartners(standardisedReturns(inWindow, from, f, len), inWindow.length, len);
  inWindow.forEach((a, k) => {
    const b = inWindow[partners[k] as number];
    if (b === undefined) return;
    const ya = a.logClose.subarray(from - a.series.start, f - a.series.start);
    const xb = b.logClose.subarray(from - b.series.start, f - b.series.start);
    const eg = engleGranger(ya, xb, 0, FORMATION_WINDOW);
    if (!eg.cointegrated || !(eg.residualStd > 0)) return;
    const z = spreads.get(a.symbol) as Float64Array;
    for (let t = f; t < Math.min(f + TRADING_PERIOD, g); t += 1) {
      const la = a.logClose[t - a.series.start];
      const lb = b.logClose[t - b.series.start];
      if (la === undefined || lb === undefined) continue;
      z[t] = (la - eg.alpha - eg.beta * lb - eg.residualMean) / eg.residualStd;
    }
  });
}

/** Natural logs, in a loop: a typed array's map() with a callback cost 100 ns a value (a fifth of the formation). */
function logOf(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = Math.log(values[i] as number);
  return out;
}

/** Per universe symbol, the grid-aligned spread z-score against its current partner (NaN without a pair). */
export function formPairs(market: MarketData): Map<string, Float64Array> {
  const g = market.dates.length;
  const members: Member[] = [];
  for (const symbol of market.symbols) {
    const series = market.series.get(symbol);
    if (series !== undefined) members.push({ symbol, series, logClose: logOf(series.close) });
  }
  const spreads = new Map(members.map((m) => [m.symbol, new Float64Array(g).fill(Number.NaN)]));
  for (let f = FORMATION_WINDOW; f < g; f += TRADING_PERIOD) formAt(members, f, g, spreads);
  return spreads;
}
