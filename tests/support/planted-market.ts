/**
 * @module Seeded test markets for the research's controls: daily bars from a random walk (overnight gap plus
 * intraday move) with an optional planted, known edge. The edge: on rare event days the open gaps down
 * 2.5-4% and the close stays below the previous close (exactly what gap_fill looks for), and the next
 * `followDays` sessions drift up by `followDriftPct` a day. Everything else is noise, so a rule that is not
 * gap_fill has no edge by construction. SPY and VIXY are generated as context (VIXY mean-reverting near 18).
 */
import type { Bar } from '../../src/domain/account.ts';
import { assembleMarket } from '../../src/scanner/data/assemble-market.ts';
import type { MarketData } from '../../src/scanner/market-data.ts';
import { seededRng, type Rng } from '../../src/scanner/research/random/rng.ts';

export interface PlantedEdge {
  /** Chance per session of an event (outside a follow-through). */
  readonly probability: number;
  readonly followDays: number;
  readonly followDriftPct: number;
}

export interface PlantedMarketOptions {
  readonly seed: number;
  readonly symbols: number;
  readonly sessions: number;
  /** Daily drift of the random walk, percent (a drifting market: long-only rules earn it without edge). */
  readonly driftPct?: number;
  /** Daily volatility, percent. */
  readonly volPct?: number;
  readonly edge?: PlantedEdge | null;
}

export const plantedSymbol = (i: number): string => `P${String(i).padStart(3, '0')}`;

/** Weekday session dates from 2012-01-02. */
export function plantedDates(n: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2012, 0, 2); out.length < n; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

function bar(date: string, prev: number, gap: number, move: number, r: Rng, volume: number): Bar {
  const open = prev * Math.exp(gap);
  const close = open * Math.exp(move);
  const high = Math.max(open, close) * (1 + 0.004 * Math.abs(r.normal()));
  const low = Math.min(open, close) * (1 - 0.004 * Math.abs(r.normal()));
  return { ts: Date.parse(`${date}T05:00:00Z`), open, high, low, close, volume };
}

function path(
  dates: readonly string[],
  r: Rng,
  o: PlantedMarketOptions,
  edge: PlantedEdge | null,
): Bar[] {
  const mu = (o.driftPct ?? 0.03) / 100;
  const sigma = (o.volPct ?? 1.5) / 100;
  const bars: Bar[] = [];
  let prev = 50 + 100 * r.next();
  let follow = 0;
  for (const date of dates) {
    const boost = follow > 0 ? (edge?.followDriftPct ?? 0) / 100 : 0;
    let gap = 0.3 * mu + 0.35 * sigma * r.normal() + 0.3 * boost;
    let move = 0.7 * mu + 0.9 * sigma * r.normal() + 0.7 * boost;
    const volume = Math.round(1e6 * (0.6 + 0.8 * r.next()));
    follow = Math.max(0, follow - 1);
    if (edge !== null && follow === 0 && bars.length > 1 && r.next() < edge.probability) {
      gap = -(0.025 + 0.015 * r.next());
      move = 0.01 * r.next();
      // The close stays below the previous close: the gap is still open.
      move = Math.min(move, -gap - 0.002);
      follow = edge.followDays;
    }
    const b = bar(date, prev, gap, move, r, volume);
    bars.push(b);
    prev = b.close;
  }
  return bars;
}

function vix(dates: readonly string[], r: Rng): Bar[] {
  let level = 18;
  return dates.map((date) => {
    const next = Math.max(9, level + 0.1 * (18 - level) + 1.2 * r.normal());
    const b = bar(date, level, 0, Math.log(next / level), r, 1e6);
    level = b.close;
    return b;
  });
}

export function plantedMarket(o: PlantedMarketOptions): MarketData {
  const dates = plantedDates(o.sessions);
  const universe = Array.from({ length: o.symbols }, (_, i) => plantedSymbol(i));
  const bars = new Map<string, Bar[]>();
  for (const symbol of universe)
    bars.set(symbol, path(dates, seededRng(o.seed, symbol), o, o.edge ?? null));
  bars.set('SPY', path(dates, seededRng(o.seed, 'SPY'), o, null));
  bars.set('VIXY', vix(dates, seededRng(o.seed, 'VIXY')));
  return assembleMarket(dates, universe, bars);
}
