/** @module What every market-data route reads: the market, the exchange, the clock, the listed symbols, and shared checks. */
import type { Exchange, SimSymbolInfo, SyntheticMarket } from '../../contracts.ts';
import { invalidParam, symbolNotFound } from './params.ts';
import { tapeOf } from './wire.ts';

export interface MarketDataRestDeps {
  readonly market: SyntheticMarket;
  readonly exchange: Exchange;
  readonly now: () => number;
}

export interface DataCtx {
  readonly deps: MarketDataRestDeps;
  readonly url: URL;
  readonly query: URLSearchParams;
  readonly now: number;
  readonly listed: ReadonlyMap<string, SimSymbolInfo>;
}

/** The simulator prices everything in US dollars. */
export const CURRENCY = 'USD';

export function dataCtx(deps: MarketDataRestDeps, url: URL): DataCtx {
  return {
    deps,
    url,
    query: url.searchParams,
    now: deps.now(),
    listed: new Map(deps.market.symbols.map((s) => [s.symbol, s])),
  };
}

export const tapeFor = (ctx: DataCtx, symbol: string): string => tapeOf(ctx.listed.get(symbol));

/** A single-symbol path names a listed symbol, or the answer is 404. */
export function needListed(ctx: DataCtx, symbol: string): void {
  if (!ctx.listed.has(symbol)) throw symbolNotFound(symbol);
}

/** `currency`: USD (the default) is the only one the simulator quotes; converting prices is not modelled. */
export function checkCurrency(ctx: DataCtx): void {
  const currency = ctx.query.get('currency');
  if (currency !== null && currency !== '' && currency.toUpperCase() !== CURRENCY) {
    throw invalidParam(`unsupported currency: ${currency} (the simulator quotes USD only)`);
  }
}
