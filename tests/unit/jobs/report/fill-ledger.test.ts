import { describe, expect, it } from 'vitest';
import { price, qty } from '../../../../src/domain/money.ts';
import type { OrderReport } from '../../../../src/domain/orders.ts';
import { walkFills } from '../../../../src/jobs/report/fill-ledger.ts';

let n = 0;
const fill = (
  symbol: string,
  side: 'buy' | 'sell',
  q: number,
  p: number,
  ts: number,
  legs: OrderReport[] = [],
): OrderReport => ({
  kind: 'OrderReport',
  id: `o${++n}`,
  clientOrderId: `c${n}`,
  symbol,
  side,
  type: 'market',
  timeInForce: 'day',
  orderClass: 'simple',
  status: 'filled',
  qty: qty(q),
  notional: null,
  filledQty: qty(q),
  filledAvgPrice: price(p),
  limitPrice: null,
  stopPrice: null,
  tsCreated: ts,
  tsUpdated: ts,
  tsFilled: ts,
  legs,
});

describe('walkFills (average-cost method)', () => {
  it('realizes against the average entry and keeps the average on partial sales', () => {
    const l = walkFills([
      fill('AAPL', 'buy', 10, 100, 1),
      fill('AAPL', 'buy', 10, 110, 2),
      fill('AAPL', 'sell', 5, 120, 3),
      fill('AAPL', 'sell', 15, 90, 4),
    ]);
    expect(l.sales.map((s) => [s.entryPrice, s.realizedPl])).toEqual([
      [105, 75],
      [105, -225],
    ]);
    expect(l.open.size).toBe(0);
  });

  it('counts a filled OCO leg once, and starts afresh after the position went flat', () => {
    const stopLeg = { ...fill('MSFT', 'sell', 4, 95, 5), type: 'stop' as const };
    const oco = {
      ...fill('MSFT', 'sell', 4, 0, 5, [stopLeg]),
      status: 'canceled' as const,
      filledQty: qty(0),
      filledAvgPrice: null,
      tsFilled: null,
      orderClass: 'oco' as const,
    };
    const l = walkFills([fill('MSFT', 'buy', 4, 100, 1), oco, fill('MSFT', 'buy', 2, 50, 9)]);
    expect(l.sales).toHaveLength(1);
    expect(l.sales[0]).toMatchObject({
      symbol: 'MSFT',
      qty: 4,
      entryPrice: 100,
      realizedPl: -20,
      tsOpened: 1,
    });
    expect(l.open.get('MSFT')).toMatchObject({ qty: 2, avgEntryPrice: 50, tsOpened: 9 });
  });

  it('reports an unknown entry for shares bought before the window', () => {
    const l = walkFills([fill('NVDA', 'sell', 3, 900, 2)]);
    expect(l.sales[0]).toMatchObject({ entryPrice: null, realizedPl: null, tsOpened: null });
  });
});
