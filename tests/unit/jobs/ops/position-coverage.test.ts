import { order as stubOrder } from '../../../support/daemon-stubs.ts';
import { describe, expect, it } from 'vitest';
import type { PositionReport } from '../../../../src/domain/account.ts';
import { price, qty } from '../../../../src/domain/money.ts';
import type { OrderReport } from '../../../../src/domain/orders.ts';
import { coverageOf } from '../../../../src/jobs/ops/position-coverage.ts';

const position = (symbol: string, q: number): PositionReport => ({
  kind: 'PositionReport',
  symbol,
  qty: qty(q),
  qtyAvailable: qty(q),
  avgEntryPrice: price(100),
  currentPrice: price(101),
  marketValue: 101 * q,
  costBasis: 100 * q,
  unrealizedPl: q,
  unrealizedPlpc: 0.01,
  lastdayPrice: price(100),
});

let n = 0;
/** A resting sell: the shared stub order with this test's defaults and unique ids. */
const order = (o: Partial<OrderReport> & Pick<OrderReport, 'symbol' | 'type'>): OrderReport =>
  stubOrder({
    id: `id-${(n += 1)}`,
    clientOrderId: `c-${n}`,
    side: 'sell',
    timeInForce: 'gtc',
    status: 'new',
    filledQty: qty(0),
    filledAvgPrice: null,
    tsFilled: null,
    ...o,
  });

const oco = (symbol: string, q: number): OrderReport =>
  order({
    symbol,
    type: 'limit',
    orderClass: 'oco',
    qty: qty(q),
    limitPrice: price(120),
    legs: [
      order({
        symbol,
        type: 'stop',
        orderClass: 'oco',
        qty: qty(q),
        stopPrice: price(95),
        status: 'held',
      }),
    ],
  });

describe('coverageOf', () => {
  it('flags a position without orders as UNPROTECTED', () => {
    expect(coverageOf(position('AAPL', 10), [])).toEqual({
      state: 'UNPROTECTED',
      protectedQty: 0,
      orders: [],
    });
  });

  it('counts an OCO once, with its stop leg price', () => {
    const c = coverageOf(position('AAPL', 10), [oco('AAPL', 10)]);
    expect(c.state).toBe('protected');
    expect(c.protectedQty).toBe(10);
    expect(c.orders).toHaveLength(1);
    expect(c.orders[0]).toMatchObject({ shape: 'oco', qty: 10, limitPrice: 120, stopPrice: 95 });
  });

  it('counts an OCO and a fractional DAY stop together', () => {
    const stop = order({
      symbol: 'AAPL',
      type: 'stop',
      timeInForce: 'day',
      qty: qty(0.5),
      stopPrice: price(95),
    });
    const c = coverageOf(position('AAPL', 10.5), [oco('AAPL', 10), stop]);
    expect(c.state).toBe('protected');
    expect(c.protectedQty).toBe(10.5);
  });

  it('is partial when the stop covers fewer shares than held', () => {
    expect(coverageOf(position('AAPL', 15), [oco('AAPL', 10)])).toMatchObject({
      state: 'partial',
      protectedQty: 10,
    });
  });

  it('does not count a take-profit limit alone as protection', () => {
    const target = order({ symbol: 'AAPL', type: 'limit', limitPrice: price(120) });
    expect(coverageOf(position('AAPL', 10), [target]).state).toBe('UNPROTECTED');
  });

  it('ignores other symbols, buy orders and the filled part of an order', () => {
    const other = oco('MSFT', 10);
    const buy = order({ symbol: 'AAPL', type: 'stop', side: 'buy' });
    const half = order({
      symbol: 'AAPL',
      type: 'stop',
      qty: qty(10),
      filledQty: qty(4),
      stopPrice: price(95),
    });
    expect(coverageOf(position('AAPL', 10), [other, buy, half])).toMatchObject({
      state: 'partial',
      protectedQty: 6,
    });
  });

  it('reports a position with a liquidating market sell as closing', () => {
    const sell = order({ symbol: 'AAPL', type: 'market', timeInForce: 'day', status: 'accepted' });
    expect(coverageOf(position('AAPL', 10), [sell]).state).toBe('closing');
  });
});
