/** @module Test harness for the exchange: a fake market, an exchange on it, and the trade updates it emitted. */
import type {
  Exchange,
  ExchangeOptions,
  SimOrder,
  SimOrderRequest,
  SimTradeUpdate,
} from '../../src/sim/contracts.ts';
import { SimRejection } from '../../src/sim/contracts.ts';
import { nyToEpoch } from '../../src/domain/time/ny-time.ts';
import { createExchange } from '../../src/sim/engine/exchange.ts';
import type { FakeMarket, FakeMarketOptions } from './fake-market.ts';
import { createFakeMarket } from './fake-market.ts';

/** A request where any field may be left out or explicitly undefined (to test missing fields). */
export type LooseRequest = { [K in keyof SimOrderRequest]?: SimOrderRequest[K] | undefined };

/** An OCO exit for the 10 shares of AAPL most tests hold: take profit 120, stop 95, GTC. */
export const OCO_EXIT: LooseRequest = {
  side: 'sell',
  type: 'limit',
  qty: 10,
  time_in_force: 'gtc',
  order_class: 'oco',
  take_profit: { limit_price: 120 },
  stop_loss: { stop_price: 95 },
};

export interface Harness {
  readonly ex: Exchange;
  readonly market: FakeMarket;
  readonly updates: SimTradeUpdate[];
  /** `event:shortId` lines, e.g. "new:o1", with order ids numbered in order of appearance. */
  events(): string[];
  /** Events of one order id. */
  eventsOf(id: string): string[];
  submit(req: LooseRequest): SimOrder;
  /** Submits and returns the rejection it must raise. */
  reject(req: LooseRequest): SimRejection;
}

/** New York wall time on a date, as epoch ms. */
export const et = (date: string, hhmm: string): number => nyToEpoch(date, hhmm);

/** 2024-05-01 (a Wednesday) at 10:00 ET: regular hours. */
export const IN_HOURS = et('2024-05-01', '10:00');

export function createHarness(
  options: Partial<Omit<ExchangeOptions, 'market'>> & { market?: FakeMarketOptions } = {},
): Harness {
  const market = createFakeMarket(options.market);
  const ex = createExchange({
    market,
    cash: options.cash ?? 100_000,
    startTs: options.startTs ?? IN_HOURS,
    seed: options.seed ?? 1,
    spreadBps: options.spreadBps ?? 0,
    partialFillRate: options.partialFillRate ?? 0,
  });
  const updates: SimTradeUpdate[] = [];
  ex.onTradeUpdate((u) => updates.push(u));
  const names = new Map<string, string>();
  const name = (id: string): string => {
    if (!names.has(id)) names.set(id, `o${names.size + 1}`);
    return names.get(id) ?? id;
  };
  const submit = (req: LooseRequest): SimOrder => {
    const order = ex.submitOrder({
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      ...req,
    } as SimOrderRequest);
    name(order.id);
    for (const leg of order.legs) name(leg.id);
    return order;
  };
  return {
    ex,
    market,
    updates,
    events: () => updates.map((u) => `${u.event}:${name(u.order.id)}`),
    eventsOf: (id) => updates.filter((u) => u.order.id === id).map((u) => u.event),
    submit,
    reject(req) {
      try {
        submit(req);
      } catch (e) {
        if (e instanceof SimRejection) return e;
        throw e;
      }
      throw new Error(`expected a rejection for ${JSON.stringify(req)}`);
    },
  };
}
