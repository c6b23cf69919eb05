/**
 * @module The bars query behind `/v2/stocks/bars` and `/v2/stocks/{symbol}/bars`: symbols in alphabetical order,
 * bars in time order (asc or desc), `limit` counted across symbols, and a cursor (symbol, bar time) that continues
 * exactly where a page ended. Intraday ranges are walked in week-long windows so a small page stays cheap.
 */
import type { SimAdjustment, SimBar, SimTimeframe, SyntheticMarket } from '../../contracts.ts';
import type { PageCursor } from './params.ts';

const WEEK_MS = 7 * 86_400_000;

export interface BarsQuery {
  readonly symbols: readonly string[];
  readonly timeframe: SimTimeframe;
  /** Inclusive start, exclusive end (epoch ms). */
  readonly tsStart: number;
  readonly tsEnd: number;
  readonly tsNow: number;
  readonly limit: number;
  readonly sort: 'asc' | 'desc';
  readonly cursor: PageCursor | undefined;
  readonly adjustment: SimAdjustment;
}

export interface BarsPage {
  readonly bars: ReadonlyMap<string, SimBar[]>;
  readonly next: PageCursor | null;
}

/** Yields one symbol's bars in [from, to) in the requested order, window by window. */
function* barsOf(
  market: SyntheticMarket,
  symbol: string,
  q: BarsQuery,
  from: number,
  to: number,
): Generator<SimBar> {
  const windowMs = q.timeframe.unit === 'Min' || q.timeframe.unit === 'Hour' ? WEEK_MS : Infinity;
  if (q.sort === 'asc') {
    for (let lo = from; lo < to; lo += windowMs) {
      yield* market.bars(
        symbol,
        q.timeframe,
        lo,
        Math.min(to, lo + windowMs),
        q.tsNow,
        q.adjustment,
      );
    }
    return;
  }
  for (let hi = to; hi > from; hi -= windowMs) {
    yield* market
      .bars(symbol, q.timeframe, Math.max(from, hi - windowMs), hi, q.tsNow, q.adjustment)
      .reverse();
  }
}

export function queryBars(market: SyntheticMarket, q: BarsQuery): BarsPage {
  const symbols = [...q.symbols].sort();
  const firstSymbol = q.cursor ? symbols.indexOf(q.cursor.symbol) : 0;
  const out = new Map<string, SimBar[]>();
  let count = 0;
  const end = Math.min(q.tsEnd, q.tsNow + 1);
  for (let i = Math.max(0, firstSymbol); i < symbols.length; i += 1) {
    const symbol = symbols[i] ?? '';
    const resume = q.cursor && q.cursor.symbol === symbol ? q.cursor.t : undefined;
    const from = resume !== undefined && q.sort === 'asc' ? Math.max(q.tsStart, resume) : q.tsStart;
    const to = resume !== undefined && q.sort === 'desc' ? Math.min(end, resume + 1) : end;
    for (const bar of barsOf(market, symbol, q, from, to)) {
      if (count === q.limit) return { bars: out, next: { symbol, t: bar.t } };
      const list = out.get(symbol) ?? [];
      if (list.length === 0) out.set(symbol, list);
      list.push(bar);
      count += 1;
    }
  }
  return { bars: out, next: null };
}
