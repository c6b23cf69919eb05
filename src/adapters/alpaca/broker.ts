/** @module The Broker port over the official SDK's REST classes, pointed at Alpaca or at the simulator. */
import { marketData, trading } from '@alpacahq/alpaca-trade-api';
import type { Bar, LatestPrice } from '../../domain/account.ts';
import { price } from '../../domain/money.ts';
import { addDays } from '../../domain/time/ny-time.ts';
import type { BarAdjustment, BarTimeframe, Broker, OrderQuery } from '../../domain/ports.ts';
import { BrokerError } from '../../domain/broker-error.ts';
import { makeScrubber, type Scrub } from '../../domain/secrets/scrub.ts';
import { fetchFills, fetchPortfolioHistory } from './account-history.ts';
import { call as classifiedCall, type CallKind } from './classify.ts';
import { nodeHttpFetch, type FetchLike } from './node-http-fetch.ts';
import {
  toAccountReport,
  toAssetReport,
  toCalendarDay,
  toClockReport,
  toOrderReport,
  toPositionReport,
  toPostOrderRequest,
} from './map.ts';

export interface AlpacaRestOptions {
  readonly keyId: string;
  readonly secretKey: string;
  readonly endpoint: string;
  readonly dataEndpoint: string;
  readonly requestsPerMinute?: number;
  readonly dataFeed?: 'iex' | 'sip';
  readonly timeoutMs?: number;
  /** The HTTP client; default node:http over keep-alive agents (the in-process simulator's in chaos tests). */
  readonly fetchApi?: FetchLike;
  /** Applied to every error message (the environment's scrubber); default: these credentials' own. */
  readonly scrub?: Scrub;
}

const SYMBOL_CHUNK = 100;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createAlpacaBroker(options: AlpacaRestOptions): Broker {
  // A broker or a proxy may echo the request's headers in an error body: never let them past the adapter.
  const scrub = options.scrub ?? makeScrubber([options.keyId, options.secretKey]);
  const call = <T>(kind: CallKind, fn: () => Promise<T>): Promise<T> =>
    classifiedCall(kind, fn, scrub);
  const common = {
    keyId: options.keyId,
    secret: options.secretKey,
    // The HTTP client below owns the deadline (see node-http-fetch.ts); the SDK's own would cost a timer,
    // an AbortController and a web-stream read per call.
    timeoutMs: 0,
    // GETs only: the SDK never retries POST, PATCH or DELETE, so orders are never sent twice.
    retry: { maxRetries: 2, retryDelayMs: 250 },
    rateLimit: { maxRequests: options.requestsPerMinute ?? 200, intervalMs: 60_000 },
    fetchApi: options.fetchApi ?? nodeHttpFetch({ timeoutMs: options.timeoutMs ?? 15_000 }),
  };
  const tradingCfg = new trading.Configuration({ ...common, basePath: options.endpoint });
  const dataCfg = new marketData.Configuration({ ...common, basePath: options.dataEndpoint });
  const orders = new trading.OrdersApi(tradingCfg);
  const positions = new trading.PositionsApi(tradingCfg);
  const accounts = new trading.AccountsApi(tradingCfg);
  const clock = new trading.ClockApi(tradingCfg);
  const calendar = new trading.CalendarApi(tradingCfg);
  const assets = new trading.AssetsApi(tradingCfg);
  const stocks = new marketData.StockApi(dataCfg);
  const activities = new trading.AccountActivitiesApi(tradingCfg);
  const history = new trading.PortfolioHistoryApi(tradingCfg);
  const feed = options.dataFeed ?? 'iex';

  return {
    getAccount: () => call('read', async () => toAccountReport(await accounts.getAccount())),
    getClock: () => call('read', async () => toClockReport(await clock.legacyClock())),
    getCalendar: (startDate, endDate) =>
      call('read', async () => {
        const days = await calendar.legacyCalendar({
          start: new Date(`${startDate}T00:00:00Z`),
          end: new Date(`${addDays(endDate, 0)}T00:00:00Z`),
        });
        return days.map(toCalendarDay).filter((d) => d.date >= startDate && d.date <= endDate);
      }),
    getAsset: (symbol) =>
      call('read', async () =>
        toAssetReport(await assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: symbol })),
      ),
    listPositions: () =>
      call('read', async () => (await positions.getAllOpenPositions()).map(toPositionReport)),
    listOrders: (q: OrderQuery) =>
      call('read', async () => {
        const list = await orders.getAllOrders({
          status: q.status ?? 'open',
          limit: q.limit ?? 500,
          nested: q.nested ?? true,
          direction: 'asc',
          ...(q.symbols === undefined ? {} : { symbols: q.symbols.join(',') }),
          ...(q.after === undefined ? {} : { after: new Date(q.after).toISOString() }),
        });
        return list.map(toOrderReport);
      }),
    getOrder: (orderId) =>
      call('read', async () =>
        toOrderReport(await orders.getOrderByOrderID({ orderId, nested: true })),
      ),
    getOrderByClientId: async (clientOrderId) => {
      try {
        return await call('read', async () =>
          toOrderReport(await orders.getOrderByClientOrderId({ clientOrderId })),
        );
      } catch (e) {
        if (e instanceof BrokerError && e.kind === 'not-found') return undefined;
        throw e;
      }
    },
    submitOrder: (command) =>
      call('write', async () =>
        toOrderReport(await orders.postOrder({ postOrderRequest: toPostOrderRequest(command) })),
      ),
    cancelOrder: (orderId) => call('write', () => orders.deleteOrderByOrderID({ orderId })),
    cancelAllOrders: () =>
      call('write', async () => {
        await orders.deleteAllOrders();
      }),
    closePosition: (symbol) =>
      call('write', async () =>
        toOrderReport(await positions.deleteOpenPosition({ symbolOrAssetId: symbol })),
      ),
    closeAllPositions: () =>
      call('write', async () => {
        await positions.deleteAllOpenPositions({ cancelOrders: true });
      }),
    getBars: (symbols, timeframe, tsStart, tsEnd, adjustment) =>
      call('read', () => fetchBars(stocks, feed, symbols, timeframe, tsStart, tsEnd, adjustment)),
    getLatestPrices: (symbols) => call('read', () => fetchLatest(stocks, feed, symbols)),
    listFills: (query) => call('read', () => fetchFills(activities, query)),
    getPortfolioHistory: (query) => call('read', () => fetchPortfolioHistory(history, query)),
  };
}

async function fetchBars(
  stocks: marketData.StockApi,
  feed: 'iex' | 'sip',
  symbols: readonly string[],
  timeframe: BarTimeframe,
  tsStart: number,
  tsEnd: number | undefined,
  adjustment: BarAdjustment = 'raw',
): Promise<Record<string, Bar[]>> {
  const out: Record<string, Bar[]> = {};
  for (const group of chunks(symbols, SYMBOL_CHUNK)) {
    let pageToken: string | undefined;
    do {
      const page = await stocks.stockBars({
        symbols: group.join(','),
        timeframe,
        start: new Date(tsStart),
        ...(tsEnd === undefined ? {} : { end: new Date(tsEnd) }),
        limit: 10_000,
        adjustment,
        feed,
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      for (const [symbol, bars] of Object.entries(page.bars)) {
        const list = (out[symbol] ??= []);
        for (const b of bars)
          list.push({
            ts: new Date(b.t).getTime(),
            open: b.o,
            high: b.h,
            low: b.l,
            close: b.c,
            volume: b.v,
          });
      }
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
  }
  return out;
}

async function fetchLatest(
  stocks: marketData.StockApi,
  feed: 'iex' | 'sip',
  symbols: readonly string[],
): Promise<Record<string, LatestPrice>> {
  const out: Record<string, LatestPrice> = {};
  for (const group of chunks(symbols, SYMBOL_CHUNK)) {
    const csv = group.join(',');
    const [quotes, trades] = await Promise.all([
      stocks.stockLatestQuotes({ symbols: csv, feed }),
      stocks.stockLatestTrades({ symbols: csv, feed }),
    ]);
    for (const symbol of group) {
      const q = quotes.quotes[symbol];
      const t = trades.trades[symbol];
      if (q === undefined && t === undefined) continue;
      out[symbol] = {
        symbol,
        ask: q !== undefined && q.ap > 0 ? price(q.ap) : null,
        bid: q !== undefined && q.bp > 0 ? price(q.bp) : null,
        last: t !== undefined && t.p > 0 ? price(t.p) : null,
        ts: new Date(t?.t ?? q?.t ?? 0).getTime(),
      };
    }
  }
  return out;
}
