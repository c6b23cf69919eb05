/**
 * The benchmark's market data: the simulator's seeded synthetic market (createSyntheticMarket), N generated
 * tickers plus SPY and VIXY, daily bars over a span of years, put on the session grid like a real scan's data.
 */
import type { Bar } from '../../src/domain/account.ts';
import { assembleMarket } from '../../src/scanner/data/assemble-market.ts';
import type { MarketData } from '../../src/scanner/market-data.ts';
import { createSyntheticMarket } from '../../src/sim/market/synthetic-market.ts';

export interface SyntheticUniverseOptions {
  readonly seed: number;
  readonly symbols: number;
  readonly startDate: string;
  readonly endDate: string;
}

export const benchSymbol = (i: number): string => `B${String(i).padStart(3, '0')}`;

export function syntheticUniverse(o: SyntheticUniverseOptions): MarketData {
  const market = createSyntheticMarket({ seed: o.seed });
  const universe = Array.from({ length: o.symbols }, (_, i) => benchSymbol(i));
  const dates = market.calendar.sessionsBetween(o.startDate, o.endDate).map((s) => s.date);
  const bars = new Map<string, Bar[]>();
  for (const symbol of [...universe, 'SPY', 'VIXY']) {
    bars.set(
      symbol,
      market
        .dailyBars(symbol, o.startDate, o.endDate)
        .map((b) => ({ ts: b.t, open: b.o, high: b.h, low: b.l, close: b.c, volume: b.v })),
    );
  }
  return assembleMarket(dates, universe, bars);
}

/**
 * The same market with new Series objects: a strategy's per-series cache (ml_momentum's fitted model, keyed by the
 * Series) then misses, so each timed scan does the whole work, as every `strikeline scan` process does.
 */
export function freshSeries(market: MarketData): MarketData {
  return { ...market, series: new Map([...market.series].map(([k, s]) => [k, { ...s }])) };
}
