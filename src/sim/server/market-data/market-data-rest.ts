/**
 * @module Market-data REST (Alpaca's data host, §13 of ALPACA.md): historical bars with cross-symbol pagination,
 * latest trades/quotes/bars and snapshots, served from the synthetic market and the exchange's last trade and NBBO.
 */
import type { Exchange, SimSymbolInfo, SyntheticMarket } from '../../contracts.ts';
import { nyDateOf, nyEpoch } from '../../market/ny-time.ts';
import { queryBars } from './bars-query.ts';
import {
  DataRequestError, decodePageToken, encodePageToken, invalidParam, parseLimit, parseSort, parseSymbols, parseTime,
  parseTimeframe, symbolNotFound,
} from './params.ts';
import { latestBars } from './snapshot.ts';
import { barJson, quoteJson, tapeOf, tradeJson } from './wire.ts';

export interface MarketDataRestDeps {
  readonly market: SyntheticMarket;
  readonly exchange: Exchange;
  readonly now: () => number;
}

export interface MarketDataResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

interface Ctx {
  readonly deps: MarketDataRestDeps;
  readonly url: URL;
  readonly now: number;
  readonly listed: ReadonlyMap<string, SimSymbolInfo>;
}

function barsBody(ctx: Ctx, symbols: readonly string[]) {
  const { url, now } = ctx;
  const timeframe = parseTimeframe(url.searchParams.get('timeframe'));
  const tsStart = parseTime('start', url.searchParams.get('start')) ?? nyEpoch(nyDateOf(now));
  const end = parseTime('end', url.searchParams.get('end')) ?? now;
  if (end < tsStart) throw invalidParam('end should not be before start');
  const cursor = decodePageToken(url.searchParams.get('page_token'));
  if (cursor && !symbols.includes(cursor.symbol)) throw invalidParam('invalid page_token');
  const page = queryBars(ctx.deps.market, {
    symbols, timeframe, tsStart, tsEnd: end + 1, tsNow: now, limit: parseLimit(url.searchParams.get('limit')),
    sort: parseSort(url.searchParams.get('sort')), cursor,
  });
  const bars: Record<string, unknown[]> = {};
  for (const [symbol, list] of page.bars) bars[symbol] = list.map(barJson);
  return { bars, next_page_token: page.next ? encodePageToken(page.next) : null };
}

function snapshotOf(ctx: Ctx, symbol: string) {
  const tape = tapeOf(ctx.listed.get(symbol));
  const latest = latestBars(ctx.deps.market, symbol, ctx.now);
  return {
    latestTrade: tradeJson(ctx.deps.exchange.lastTrade(symbol), tape),
    latestQuote: quoteJson(ctx.deps.exchange.quote(symbol), tape),
    minuteBar: latest.minuteBar ? barJson(latest.minuteBar) : null,
    dailyBar: latest.dailyBar ? barJson(latest.dailyBar) : null,
    prevDailyBar: latest.prevDailyBar ? barJson(latest.prevDailyBar) : null,
  };
}

/** Builds `{key: {SYM: value}}` (or the bare map when key is undefined) for the listed symbols of the request. */
function perSymbol(ctx: Ctx, key: string | undefined, value: (symbol: string) => unknown) {
  const map: Record<string, unknown> = {};
  for (const symbol of parseSymbols(ctx.url)) {
    if (!ctx.listed.has(symbol)) continue;
    const v = value(symbol);
    if (v !== null) map[symbol] = v;
  }
  return key === undefined ? map : { [key]: map };
}

function multiRoute(ctx: Ctx, route: string): unknown {
  const tapeFor = (symbol: string): string => tapeOf(ctx.listed.get(symbol));
  switch (route) {
    case 'bars':
      return barsBody(ctx, parseSymbols(ctx.url).filter((s) => ctx.listed.has(s)));
    case 'bars/latest':
      return perSymbol(ctx, 'bars', (s) => {
        const bar = latestBars(ctx.deps.market, s, ctx.now).minuteBar;
        return bar ? barJson(bar) : null;
      });
    case 'trades/latest':
      return perSymbol(ctx, 'trades', (s) => tradeJson(ctx.deps.exchange.lastTrade(s), tapeFor(s)));
    case 'quotes/latest':
      return perSymbol(ctx, 'quotes', (s) => quoteJson(ctx.deps.exchange.quote(s), tapeFor(s)));
    case 'snapshots':
      return perSymbol(ctx, undefined, (s) => snapshotOf(ctx, s));
    default:
      return undefined;
  }
}

function singleRoute(ctx: Ctx, symbol: string, route: string): unknown {
  const known = ctx.listed.has(symbol);
  const need = (): void => {
    if (!known) throw symbolNotFound(symbol);
  };
  const tape = tapeOf(ctx.listed.get(symbol));
  switch (route) {
    case 'bars': {
      need();
      const { bars, next_page_token } = barsBody(ctx, [symbol]);
      return { symbol, bars: bars[symbol] ?? [], next_page_token };
    }
    case 'bars/latest': {
      need();
      const bar = latestBars(ctx.deps.market, symbol, ctx.now).minuteBar;
      return { symbol, bar: bar ? barJson(bar) : null };
    }
    case 'trades/latest':
      need();
      return { symbol, trade: tradeJson(ctx.deps.exchange.lastTrade(symbol), tape) };
    case 'quotes/latest':
      need();
      return { symbol, quote: quoteJson(ctx.deps.exchange.quote(symbol), tape) };
    case 'snapshot':
      need();
      return { symbol, ...snapshotOf(ctx, symbol) };
    default:
      return undefined;
  }
}

function decodeSymbol(raw: string): string {
  try {
    return decodeURIComponent(raw).toUpperCase();
  } catch {
    return raw.toUpperCase();
  }
}

const MULTI = new Set(['bars', 'bars/latest', 'trades/latest', 'quotes/latest', 'snapshots']);

/**
 * Answers a market-data request, or undefined when the path is not one of the market-data endpoints.
 * `url` may be a URL or the raw request target (`/v2/stocks/bars?...`).
 */
export function handleMarketDataRest(
  req: { readonly method: string; readonly url: URL | string },
  deps: MarketDataRestDeps,
): MarketDataResponse | undefined {
  const url = typeof req.url === 'string' ? new URL(req.url, 'http://127.0.0.1') : req.url;
  const m = /^\/v2\/stocks\/(.+?)\/?$/.exec(url.pathname);
  if (!m?.[1]) return undefined;
  const rest = m[1];
  const slash = rest.indexOf('/');
  const multi = MULTI.has(rest);
  const symbol = multi || slash < 0 ? '' : decodeSymbol(rest.slice(0, slash));
  const route = multi ? rest : rest.slice(slash + 1);
  if (!multi && !['bars', 'bars/latest', 'trades/latest', 'quotes/latest', 'snapshot'].includes(route)) return undefined;
  if (req.method !== 'GET') return { status: 405, body: { code: 40510000, message: 'method not allowed' } };
  const ctx: Ctx = { deps, url, now: deps.now(), listed: new Map(deps.market.symbols.map((s) => [s.symbol, s])) };
  try {
    const body = multi ? multiRoute(ctx, route) : singleRoute(ctx, symbol, route);
    return body === undefined ? undefined : { status: 200, body };
  } catch (e) {
    if (e instanceof DataRequestError) return { status: e.status, body: { code: e.code, message: e.message } };
    throw e;
  }
}
