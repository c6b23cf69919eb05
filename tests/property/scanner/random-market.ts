/**
 * Seeded random markets for the scanner's property tests: a few sector-mapped symbols (one cointegrated with
 * another, so pairs form), SPY and a VIX proxy swinging across the regimes, with gaps and volume spikes so
 * every strategy has something to react to; and the same market with every bar after a date replaced.
 */
import type { Bar } from '../../../src/domain/account.ts';
import { assembleMarket } from '../../../src/scanner/data/assemble-market.ts';
import type { MarketData } from '../../../src/scanner/market-data.ts';

export const UNIVERSE = ['AAPL', 'MSFT', 'KO', 'PEP', 'XOM', 'CVX', 'JPM', 'JNJ'] as const;
const CONTEXT = ['SPY', 'VIXY'] as const;

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normal = (r: () => number): number =>
  Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

/** Weekday dates from 2015-01-02 on (a stand-in session grid). */
export function sessionDates(length: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2015, 0, 2); out.length < length; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const barTs = (date: string): number => Date.parse(`${date}T05:00:00Z`);

/** One bar after `prev` close; `vix` symbols mean-revert around 20 with spikes. */
function nextBar(r: () => number, prev: number, date: string, vix: boolean, anchor?: number): Bar {
  const ret = vix ? (0.08 * (20 - prev)) / 20 + 0.08 * normal(r) : 0.0004 + 0.018 * normal(r);
  const gap = r() < 0.04 ? -0.03 * r() : 0.004 * normal(r);
  let close = Math.max(1, prev * Math.exp(ret));
  if (anchor !== undefined) close = anchor * Math.exp(0.01 * normal(r));
  const open = Math.max(0.5, prev * (1 + gap));
  const high = Math.max(open, close) * (1 + 0.01 * r());
  const low = Math.min(open, close) * (1 - 0.01 * r());
  const volume = Math.round(1e6 * (0.5 + r()) * (r() < 0.05 ? 3 : 1));
  return { ts: barTs(date), open, high, low, close, volume };
}

function series(
  r: () => number,
  dates: readonly string[],
  from: number,
  bars: Bar[],
  vix: boolean,
  leader?: readonly Bar[],
): Bar[] {
  for (let i = from; i < dates.length; i += 1) {
    const prev = bars[i - 1]?.close ?? (vix ? 18 : 50 + 100 * r());
    const anchor = leader?.[i] === undefined ? undefined : (leader[i] as Bar).close * 0.8;
    bars.push(nextBar(r, prev, dates[i] as string, vix, anchor));
  }
  return bars;
}

function build(dates: readonly string[], make: (symbol: string, k: number) => Bar[]): MarketData {
  const bars = new Map<string, Bar[]>();
  [...UNIVERSE, ...CONTEXT].forEach((s, k) => bars.set(s, make(s, k)));
  return assembleMarket(dates, UNIVERSE, bars);
}

export function randomMarket(seed: number, length: number): MarketData {
  const dates = sessionDates(length);
  const all = new Map<string, Bar[]>();
  return build(dates, (symbol, k) => {
    const r = rng(seed * 97 + k);
    // PEP follows KO (cointegrated), so pairs_trading forms a pair.
    const out = series(
      r,
      dates,
      0,
      [],
      symbol === 'VIXY',
      symbol === 'PEP' ? all.get('KO') : undefined,
    );
    all.set(symbol, out);
    return out;
  });
}

/** The same market with every bar after grid index `last` replaced by other random bars. */
export function alterAfter(market: MarketData, last: number, seed: number): MarketData {
  return build(market.dates, (symbol, k) => {
    const s = market.series.get(symbol);
    if (s === undefined) return [];
    const kept: Bar[] = [];
    for (let i = 0; i <= last - s.start && i < s.close.length; i += 1) {
      kept.push({
        ts: barTs(s.dates[i] as string),
        open: s.open[i] as number,
        high: s.high[i] as number,
        low: s.low[i] as number,
        close: s.close[i] as number,
        volume: s.volume[i] as number,
      });
    }
    return series(rng(seed * 31 + k), market.dates, kept.length + s.start, kept, symbol === 'VIXY');
  });
}
