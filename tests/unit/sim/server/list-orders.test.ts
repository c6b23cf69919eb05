import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/sim/server/http-error.ts';
import { listOrders } from '../../../../src/sim/server/list-orders.ts';
import { simOrder } from './fixtures.ts';

const t0 = Date.parse('2024-05-01T14:00:00Z');
const a = simOrder({ symbol: 'AAPL', status: 'filled', submitted_at: t0 });
const b = simOrder({ symbol: 'MSFT', status: 'new', side: 'sell', submitted_at: t0 + 1000 });
const leg = simOrder({
  symbol: 'AAPL',
  status: 'new',
  side: 'sell',
  type: 'stop',
  submitted_at: t0 + 2000,
});
const oco = simOrder({
  symbol: 'AAPL',
  status: 'new',
  side: 'sell',
  type: 'limit',
  order_class: 'oco',
  submitted_at: t0 + 2000,
  legs: [leg],
});
const legChild = { ...leg, parent_id: oco.id };
const all = [{ ...oco, legs: [legChild] }, legChild, b, a];
const ids = (q: string): string[] =>
  listOrders(all, new URLSearchParams(q)).map((o) => String(o.id));

describe('listOrders', () => {
  it('defaults to open orders, newest first, legs listed on their own', () => {
    expect(ids('')).toEqual([oco.id, leg.id, b.id]);
  });

  it('filters by status, symbols, side and after/until (exclusive)', () => {
    expect(ids('status=closed')).toEqual([a.id]);
    expect(ids('status=all&direction=asc')).toEqual([a.id, b.id, leg.id, oco.id]);
    expect(ids('status=all&symbols=MSFT,TSLA')).toEqual([b.id]);
    expect(ids('status=all&side=buy')).toEqual([a.id]);
    expect(ids(`status=all&after=${new Date(t0).toISOString()}`)).toEqual([oco.id, leg.id, b.id]);
    expect(ids(`status=all&until=${new Date(t0 + 1000).toISOString()}`)).toEqual([a.id]);
    expect(ids('status=all&limit=1')).toEqual([oco.id]);
  });

  it('rolls legs into their parent with nested=true, whatever the case of the boolean (Python SDK: True)', () => {
    for (const value of ['true', 'True', 'TRUE', '1', 't']) {
      const nested = listOrders(all, new URLSearchParams(`nested=${value}`));
      expect(
        nested.map((o) => o.id),
        value,
      ).toEqual([oco.id, b.id]);
      expect(nested[0]?.legs, value).toEqual([expect.objectContaining({ id: leg.id })]);
    }
    expect(listOrders(all, new URLSearchParams('nested=False')).map((o) => o.id)).toEqual([
      oco.id,
      leg.id,
      b.id,
    ]);
  });

  it('refuses bad parameters with 422', () => {
    expect(() => ids('status=weird')).toThrow(HttpError);
    // Alpaca takes open, closed or all only: an order status is not a filter there.
    expect(() => ids('status=canceled')).toThrow(/expected open, closed or all/);
    expect(() => ids('nested=yes')).toThrow(HttpError);
    expect(() => ids('limit=0')).toThrow(HttpError);
    expect(() => ids('after=yesterday')).toThrow(HttpError);
    expect(() => ids('direction=up')).toThrow(HttpError);
  });
});
