/** @module The latest trade, the latest quote (the exchange's NBBO) and snapshots, multi-symbol and single-symbol. */
import { CURRENCY, checkCurrency, needListed, tapeFor, type DataCtx } from './data-context.ts';
import { parseSymbols } from './params.ts';
import { latestBars } from './snapshot.ts';
import { barJson, quoteJson, tradeJson } from './wire.ts';

const latestTrade = (ctx: DataCtx, symbol: string) =>
  tradeJson(ctx.deps.exchange.lastTrade(symbol), tapeFor(ctx, symbol));
const latestQuote = (ctx: DataCtx, symbol: string) =>
  quoteJson(ctx.deps.exchange.quote(symbol), tapeFor(ctx, symbol));

function snapshotOf(ctx: DataCtx, symbol: string) {
  const latest = latestBars(ctx.deps.market, symbol, ctx.now);
  return {
    latestTrade: latestTrade(ctx, symbol),
    latestQuote: latestQuote(ctx, symbol),
    minuteBar: latest.minuteBar ? barJson(latest.minuteBar) : null,
    dailyBar: latest.dailyBar ? barJson(latest.dailyBar) : null,
    prevDailyBar: latest.prevDailyBar ? barJson(latest.prevDailyBar) : null,
  };
}

/** `{SYM: value}` for the listed symbols of the request (unknown ones are left out, as Alpaca does). */
function perSymbol(ctx: DataCtx, value: (symbol: string) => unknown): Record<string, unknown> {
  checkCurrency(ctx);
  const map: Record<string, unknown> = {};
  for (const symbol of parseSymbols(ctx.url))
    if (ctx.listed.has(symbol)) map[symbol] = value(symbol);
  return map;
}

export const multiLatestTrades = (ctx: DataCtx): unknown => ({
  trades: perSymbol(ctx, (s) => latestTrade(ctx, s)),
  currency: CURRENCY,
});
export const multiLatestQuotes = (ctx: DataCtx): unknown => ({
  quotes: perSymbol(ctx, (s) => latestQuote(ctx, s)),
  currency: CURRENCY,
});
/** A top-level map keyed by symbol: no room for `currency` there. */
export const multiSnapshots = (ctx: DataCtx): unknown => perSymbol(ctx, (s) => snapshotOf(ctx, s));

function single(ctx: DataCtx, symbol: string): void {
  needListed(ctx, symbol);
  checkCurrency(ctx);
}

export function singleLatestTrade(ctx: DataCtx, symbol: string): unknown {
  single(ctx, symbol);
  return { symbol, trade: latestTrade(ctx, symbol), currency: CURRENCY };
}

export function singleLatestQuote(ctx: DataCtx, symbol: string): unknown {
  single(ctx, symbol);
  return { symbol, quote: latestQuote(ctx, symbol), currency: CURRENCY };
}

export function singleSnapshot(ctx: DataCtx, symbol: string): unknown {
  single(ctx, symbol);
  return { symbol, currency: CURRENCY, ...snapshotOf(ctx, symbol) };
}
