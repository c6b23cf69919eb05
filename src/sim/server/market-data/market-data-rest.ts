/**
 * @module Market-data REST (Alpaca's data host, §13 of ALPACA.md): a table of routes over the synthetic market and
 * the exchange (bars, trades, quotes, auctions, snapshots, meta). Each route file serves one resource.
 */
import { multiAuctions, singleAuctions } from './auctions-routes.ts';
import { corporateActions } from './corporate-actions-routes.ts';
import { multiBars, multiLatestBars, singleBars, singleLatestBar } from './bars-routes.ts';
import { dataCtx, type DataCtx, type MarketDataRestDeps } from './data-context.ts';
import {
  multiLatestQuotes,
  multiLatestTrades,
  multiSnapshots,
  singleLatestQuote,
  singleLatestTrade,
  singleSnapshot,
} from './latest-routes.ts';
import { conditionsMeta, exchangesMeta } from './meta-routes.ts';
import { news } from './news-routes.ts';
import { mostActives, movers } from './screener-routes.ts';
import { DataRequestError } from './params.ts';
import { multiTicks, singleTicks } from './ticks-routes.ts';

export type { MarketDataRestDeps };

export interface MarketDataResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

type Handler = (ctx: DataCtx, params: readonly string[]) => unknown;

const symbolOf = (raw: string | undefined): string => {
  try {
    return decodeURIComponent(raw ?? '').toUpperCase();
  } catch {
    return (raw ?? '').toUpperCase();
  }
};

/** Routes in match order: `meta` before `{symbol}`, so that a symbol named META still has its own paths. */
const ROUTES: ReadonlyArray<readonly [RegExp, Handler]> = [
  [/^\/v1beta1\/news$/, (ctx) => news(ctx)],
  [/^\/v1\/corporate-actions$/, (ctx) => corporateActions(ctx)],
  [/^\/v1beta1\/screener\/stocks\/most-actives$/, (ctx) => mostActives(ctx)],
  [/^\/v1beta1\/screener\/([^/]+)\/movers$/, (ctx, [marketType]) => movers(ctx, marketType ?? '')],
  [/^\/v2\/stocks\/meta\/exchanges$/, () => exchangesMeta()],
  [
    /^\/v2\/stocks\/meta\/conditions\/([^/]+)$/,
    (ctx, [ticktype]) => conditionsMeta(ctx, ticktype ?? ''),
  ],
  [/^\/v2\/stocks\/bars$/, (ctx) => multiBars(ctx)],
  [/^\/v2\/stocks\/trades$/, (ctx) => multiTicks(ctx, 'trades')],
  [/^\/v2\/stocks\/quotes$/, (ctx) => multiTicks(ctx, 'quotes')],
  [/^\/v2\/stocks\/auctions$/, (ctx) => multiAuctions(ctx)],
  [/^\/v2\/stocks\/bars\/latest$/, (ctx) => multiLatestBars(ctx)],
  [/^\/v2\/stocks\/trades\/latest$/, (ctx) => multiLatestTrades(ctx)],
  [/^\/v2\/stocks\/quotes\/latest$/, (ctx) => multiLatestQuotes(ctx)],
  [/^\/v2\/stocks\/snapshots$/, (ctx) => multiSnapshots(ctx)],
  [/^\/v2\/stocks\/([^/]+)\/bars$/, (ctx, [s]) => singleBars(ctx, symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/trades$/, (ctx, [s]) => singleTicks(ctx, 'trades', symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/quotes$/, (ctx, [s]) => singleTicks(ctx, 'quotes', symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/auctions$/, (ctx, [s]) => singleAuctions(ctx, symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/bars\/latest$/, (ctx, [s]) => singleLatestBar(ctx, symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/trades\/latest$/, (ctx, [s]) => singleLatestTrade(ctx, symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/quotes\/latest$/, (ctx, [s]) => singleLatestQuote(ctx, symbolOf(s))],
  [/^\/v2\/stocks\/([^/]+)\/snapshot$/, (ctx, [s]) => singleSnapshot(ctx, symbolOf(s))],
];

/**
 * Answers a market-data request, or undefined when the path is not one of the market-data endpoints.
 * `url` may be a URL or the raw request target (`/v2/stocks/bars?...`).
 */
export function handleMarketDataRest(
  req: { readonly method: string; readonly url: URL | string },
  deps: MarketDataRestDeps,
): MarketDataResponse | undefined {
  const url = typeof req.url === 'string' ? new URL(req.url, 'http://127.0.0.1') : req.url;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  for (const [pattern, handler] of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (req.method !== 'GET')
      return { status: 405, body: { code: 40510000, message: 'method not allowed' } };
    try {
      return { status: 200, body: handler(dataCtx(deps, url), m.slice(1)) };
    } catch (e) {
      if (e instanceof DataRequestError)
        return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  }
  return undefined;
}
