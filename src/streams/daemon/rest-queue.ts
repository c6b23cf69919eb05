/**
 * @module One REST queue for the whole daemon, within the broker's rate limit (p-queue, sliding window), where
 * protection and exits go first: a Broker wrapped so that every call waits its turn by priority.
 */
import PQueue from 'p-queue';
import type { Broker } from '../../domain/ports.ts';

/** Orders first, then the reads that resolve them (and a soft exit's sweep), then audits and prices, then everything else. */
export const PRIORITY = { order: 30, resolve: 20, audit: 10, background: 0 } as const;

export type BrokerMethod = keyof Broker;

export const DEFAULT_PRIORITIES: Readonly<Record<BrokerMethod, number>> = {
  submitOrder: PRIORITY.order,
  cancelOrder: PRIORITY.order,
  closePosition: PRIORITY.order,
  cancelAllOrders: PRIORITY.order,
  closeAllPositions: PRIORITY.order,
  getOrderByClientId: PRIORITY.resolve,
  getOrder: PRIORITY.resolve,
  listOrders: PRIORITY.audit,
  listPositions: PRIORITY.audit,
  getClock: PRIORITY.audit,
  getLatestPrices: PRIORITY.audit,
  getAccount: PRIORITY.background,
  getCalendar: PRIORITY.background,
  getAsset: PRIORITY.background,
  getBars: PRIORITY.background,
  listFills: PRIORITY.background,
  getPortfolioHistory: PRIORITY.background,
};

export interface RestQueueOptions {
  /** Alpaca allows 200 trading requests a minute per account. */
  readonly requestsPerMinute: number;
  /** Requests in flight at once; a slow read must not hold an order back. */
  readonly concurrency?: number;
}

/** A strict sliding window: never more than `requestsPerMinute` started in any 60 s. */
export function createRestQueue(options: RestQueueOptions): PQueue {
  return new PQueue({
    concurrency: options.concurrency ?? 8,
    intervalCap: options.requestsPerMinute,
    interval: 60_000,
    strict: true,
  });
}

/**
 * The Broker port, unchanged, with every call queued at its method's priority. A call starts synchronously when
 * the window has room, so the protective POST of a fill is not delayed by the queue itself.
 */
export function prioritizedBroker(
  broker: Broker,
  queue: PQueue,
  priorities: Readonly<Record<BrokerMethod, number>> = DEFAULT_PRIORITIES,
): Broker {
  const run = <T>(
    method: BrokerMethod,
    call: () => Promise<T>,
    priority = priorities[method],
  ): Promise<T> => queue.add(call, { priority });
  return {
    getAccount: () => run('getAccount', () => broker.getAccount()),
    getClock: () => run('getClock', () => broker.getClock()),
    getCalendar: (start, end) => run('getCalendar', () => broker.getCalendar(start, end)),
    getAsset: (symbol) => run('getAsset', () => broker.getAsset(symbol)),
    listPositions: () => run('listPositions', () => broker.listPositions()),
    listOrders: (query) =>
      run(
        'listOrders',
        () => broker.listOrders(query),
        query.urgent === true ? PRIORITY.resolve : priorities.listOrders,
      ),
    getOrder: (id) => run('getOrder', () => broker.getOrder(id)),
    getOrderByClientId: (id) => run('getOrderByClientId', () => broker.getOrderByClientId(id)),
    submitOrder: (command) => run('submitOrder', () => broker.submitOrder(command)),
    cancelOrder: (id) => run('cancelOrder', () => broker.cancelOrder(id)),
    cancelAllOrders: () => run('cancelAllOrders', () => broker.cancelAllOrders()),
    closePosition: (symbol) => run('closePosition', () => broker.closePosition(symbol)),
    closeAllPositions: () => run('closeAllPositions', () => broker.closeAllPositions()),
    getBars: (symbols, timeframe, tsStart, tsEnd, adjustment) =>
      run('getBars', () => broker.getBars(symbols, timeframe, tsStart, tsEnd, adjustment)),
    getLatestPrices: (symbols) => run('getLatestPrices', () => broker.getLatestPrices(symbols)),
    listFills: (query) => run('listFills', () => broker.listFills(query)),
    getPortfolioHistory: (query) =>
      run('getPortfolioHistory', () => broker.getPortfolioHistory(query)),
  };
}
