import { describe, expect, it } from 'vitest';
import { SimRejection } from '../../../../src/sim/contracts.ts';
import { createHarness, et } from '../../../support/exchange-harness.ts';

const rejectionOf = (fn: () => unknown): [number, number, string] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimRejection) return [e.status, e.code, e.message];
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('cancel', () => {
  it('a resting order is canceled with a canceled event', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    h.ex.cancelOrder(o.id);
    expect(h.eventsOf(o.id)).toEqual(['new', 'canceled']);
    expect(h.ex.getOrder(o.id)!.canceled_at).toBe(h.ex.now());
  });

  it('an order filled before the cancel arrives (lost race) is not cancelable', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    h.ex.printTrade('AAPL', 89, 1);
    expect(
      rejectionOf(() => {
        h.ex.cancelOrder(o.id);
      }),
    ).toEqual([422, 42210000, 'order is not cancelable']);
    expect(h.eventsOf(o.id)).toEqual(['new', 'fill']);
  });

  it('canceled and expired orders are not cancelable; unknown ids are not found', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    h.ex.cancelOrder(o.id);
    expect(
      rejectionOf(() => {
        h.ex.cancelOrder(o.id);
      })[2],
    ).toBe('order is not cancelable');
    expect(
      rejectionOf(() => {
        h.ex.cancelOrder('nope');
      }),
    ).toEqual([404, 40410000, 'order not found']);
    const day = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    h.ex.advanceTo(et('2024-05-01', '16:00'), { quiet: true });
    expect(
      rejectionOf(() => {
        h.ex.cancelOrder(day.id);
      }),
    ).toEqual([422, 42210000, 'order is not cancelable']);
  });

  it('cancelAllOrders cancels every open order and reports each with status 200', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const oco = h.submit({
      side: 'sell',
      type: 'limit',
      qty: 10,
      order_class: 'oco',
      take_profit: { limit_price: 120 },
      stop_loss: { stop_price: 90 },
    });
    const msft = h.submit({ symbol: 'MSFT', type: 'limit', limit_price: 30, qty: 1 });
    const results = h.ex.cancelAllOrders();
    expect(results.map((r) => [r.id, r.status, r.order.status])).toEqual([
      [oco.id, 200, 'canceled'],
      [oco.legs[0]!.id, 200, 'canceled'],
      [msft.id, 200, 'canceled'],
    ]);
    expect(h.ex.position('AAPL')!.qty_available).toBe(10);
  });

  it('an accepted order (outside hours) can be canceled before it ever worked', () => {
    const h = createHarness({ startTs: et('2024-05-01', '18:00') });
    const o = h.submit({ qty: 1 });
    h.ex.cancelOrder(o.id);
    h.ex.advanceTo(et('2024-05-02', '10:00'), { quiet: true });
    expect(h.eventsOf(o.id)).toEqual(['canceled']);
    expect(h.ex.position('AAPL')).toBeUndefined();
  });
});

describe('replace', () => {
  it('emits replaced for the old order, then new for the new one', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 5 });
    const n = h.ex.replaceOrder(o.id, { limit_price: 91, qty: 6 });
    expect(n).toMatchObject({ replaces: o.id, limit_price: 91, qty: 6, status: 'new' });
    expect(n.id).not.toBe(o.id);
    expect(h.updates.slice(-2).map((u) => [u.event, u.order.id])).toEqual([
      ['replaced', o.id],
      ['new', n.id],
    ]);
    expect(h.updates.at(-2)!.order).toMatchObject({ status: 'replaced', replaced_by: n.id });
    expect(h.ex.account().buying_power).toBeCloseTo(100_000 - 91 * 6, 9);
  });

  it('the replacement matches at once when marketable', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 5 });
    const n = h.ex.replaceOrder(o.id, { limit_price: 100 });
    expect(h.eventsOf(n.id)).toEqual(['new', 'fill']);
  });

  it('refuses unchanged parameters, filled orders and unknown ids', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 5 });
    expect(rejectionOf(() => h.ex.replaceOrder(o.id, { limit_price: 90 }))).toEqual([
      403,
      40310000,
      'order parameters are not changed',
    ]);
    expect(rejectionOf(() => h.ex.replaceOrder('nope', { limit_price: 91 }))[0]).toBe(404);
    h.ex.printTrade('AAPL', 89, 1);
    expect(rejectionOf(() => h.ex.replaceOrder(o.id, { limit_price: 91 }))).toEqual([
      422,
      42210000,
      'order is not replaceable',
    ]);
  });

  it('a sell replacement must fit the shares available besides the old order', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const s = h.submit({ side: 'sell', type: 'limit', limit_price: 120, qty: 6 });
    expect(h.ex.replaceOrder(s.id, { qty: 10 }).qty).toBe(10);
    const s2 = h.ex.allOrders()[0]!;
    expect(rejectionOf(() => h.ex.replaceOrder(s2.id, { qty: 11 }))[2]).toBe(
      'insufficient qty available for order (requested: 11, available: 10)',
    );
  });

  it('an oco take profit can be re-priced; the stop loss follows the new parent', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const oco = h.submit({
      side: 'sell',
      type: 'limit',
      qty: 10,
      order_class: 'oco',
      take_profit: { limit_price: 120 },
      stop_loss: { stop_price: 90 },
    });
    const tp = h.ex.replaceOrder(oco.id, { limit_price: 125 });
    expect(tp.legs.map((l) => l.id)).toEqual([oco.legs[0]!.id]);
    expect(h.ex.getOrder(oco.legs[0]!.id)!.parent_id).toBe(tp.id);
    expect(h.ex.position('AAPL')!.qty_available).toBe(0);
    h.ex.printTrade('AAPL', 126, 1);
    expect(h.ex.getOrder(oco.legs[0]!.id)!.status).toBe('canceled');
    expect(rejectionOf(() => h.ex.replaceOrder(oco.legs[0]!.id, { stop_price: 91 }))[2]).toBe(
      'order is not replaceable',
    );
  });

  it('a replaced client_order_id must be unique too', () => {
    const h = createHarness();
    h.submit({ type: 'limit', limit_price: 90, qty: 5, client_order_id: 'a' });
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 5, client_order_id: 'b' });
    expect(
      rejectionOf(() => h.ex.replaceOrder(o.id, { limit_price: 91, client_order_id: 'a' }))[2],
    ).toBe('client_order_id must be unique');
    expect(h.ex.replaceOrder(o.id, { limit_price: 91, client_order_id: 'c' }).client_order_id).toBe(
      'c',
    );
  });
});
