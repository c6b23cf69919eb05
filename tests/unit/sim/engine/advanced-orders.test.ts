import { describe, expect, it } from 'vitest';
import type { LooseRequest } from '../../../support/exchange-harness.ts';
import { OCO_EXIT, createHarness } from '../../../support/exchange-harness.ts';

const BRACKET: LooseRequest = {
  type: 'limit',
  limit_price: 99,
  qty: 10,
  order_class: 'bracket',
  take_profit: { limit_price: 120 },
  stop_loss: { stop_price: 90 },
};

function withOco() {
  const h = createHarness({ spreadBps: 10 });
  h.submit({ qty: 10 });
  const oco = h.submit(OCO_EXIT);
  return { h, tp: oco.id, sl: oco.legs[0]!.id };
}

describe('oco exits', () => {
  it('a print through the stop fills the stop leg at the bid and cancels the take profit', () => {
    const { h, tp, sl } = withOco();
    h.ex.printTrade('AAPL', 95.5, 100);
    expect(h.eventsOf(sl)).toEqual(['new']);
    h.ex.printTrade('AAPL', 94, 100);
    expect(h.events().slice(-2)).toEqual(['fill:o3', 'canceled:o2']);
    expect(h.updates.at(-2)).toMatchObject({ price: 93.95, qty: 10, position_qty: 0 });
    expect(h.ex.getOrder(tp)!.status).toBe('canceled');
    expect(h.ex.position('AAPL')).toBeUndefined();
  });

  it('the take profit filling cancels the stop loss', () => {
    const { h, sl } = withOco();
    h.ex.printTrade('AAPL', 121, 100);
    expect(h.events().slice(-2)).toEqual(['fill:o2', 'canceled:o3']);
    expect(h.updates.at(-2)).toMatchObject({ price: 120.93 });
    expect(h.ex.getOrder(sl)!.status).toBe('canceled');
  });

  it('a partial fill of the take profit shrinks the stop loss', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.ex.injectPartialFills(2);
    const oco = h.submit(OCO_EXIT);
    const sl = oco.legs[0]!.id;
    h.ex.printTrade('AAPL', 121, 100);
    const partial = h.updates.find((u) => u.event === 'partial_fill')!;
    expect(partial.order.legs[0]).toMatchObject({ id: sl, qty: 5, status: 'new' });
    expect(h.ex.position('AAPL')).toBeUndefined();
    expect(h.ex.getOrder(sl)).toMatchObject({ status: 'canceled', qty: 5 });
  });

  it('a resting partially filled take profit keeps the stop loss at the unfilled qty', () => {
    const h = createHarness({ partialFillRate: 1, seed: 3 });
    h.submit({ qty: 10 });
    const oco = h.submit(OCO_EXIT);
    h.ex.printTrade('AAPL', 121, 100);
    const tp = h.ex.getOrder(oco.id)!;
    expect(tp.status).toBe('partially_filled');
    const rest = 10 - tp.filled_qty;
    expect(tp.legs[0]!.qty).toBe(rest);
    expect(h.ex.position('AAPL')).toMatchObject({ qty: rest, qty_available: 0 });
    h.ex.printTrade('AAPL', 90, 100);
    expect(h.ex.getOrder(oco.legs[0]!.id)).toMatchObject({ status: 'filled', filled_qty: rest });
    expect(h.ex.getOrder(oco.id)!.status).toBe('canceled');
    expect(h.ex.position('AAPL')).toBeUndefined();
  });

  it('stops elect only on prints: a stop below the market waits for one', () => {
    const { h, sl } = withOco();
    h.ex.advanceTo(h.ex.now() + 60_000);
    expect(h.ex.getOrder(sl)!.status).toBe('new');
  });

  it('oco rules: exit only, limit type, stop 0.01 below the take profit', () => {
    const h = createHarness();
    expect(h.reject(OCO_EXIT).message).toBe('oco orders must be exit orders');
    h.submit({ qty: 10 });
    const e = h.reject({ ...OCO_EXIT, stop_loss: { stop_price: 119.995 } });
    expect(e.status).toBe(422);
    const e2 = h.reject({
      ...OCO_EXIT,
      take_profit: { limit_price: 95 },
      stop_loss: { stop_price: 95 },
    });
    expect([e2.status, e2.code, e2.message]).toEqual([
      422,
      42210000,
      'stop price must be less than base_price - 0.01',
    ]);
    expect(
      h.submit({ ...OCO_EXIT, take_profit: { limit_price: 95.01 }, stop_loss: { stop_price: 95 } })
        .status,
    ).toBe('new');
    const h2 = createHarness();
    h2.submit({ qty: 10 });
    expect(h2.reject({ ...OCO_EXIT, type: 'market' }).message).toBe(
      'oco orders must be limit orders',
    );
    expect(h2.reject({ ...OCO_EXIT, qty: 11 }).message).toBe(
      'insufficient qty available for order (requested: 11, available: 10)',
    );
  });

  it('a stop-limit stop leg rests as a limit after election when the bid is below its limit', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const oco = h.submit({ ...OCO_EXIT, stop_loss: { stop_price: 95, limit_price: 94.5 } });
    const sl = oco.legs[0]!;
    expect(sl.type).toBe('stop_limit');
    h.ex.printTrade('AAPL', 94, 1);
    expect(h.ex.getOrder(sl.id)!.status).toBe('new');
    h.ex.printTrade('AAPL', 94.6, 1);
    expect(h.ex.getOrder(sl.id)!.status).toBe('filled');
  });
});

describe('bracket orders', () => {
  it('legs are held until the entry is completely filled, then become new', () => {
    const h = createHarness();
    h.ex.injectPartialFills(2);
    const b = h.submit(BRACKET);
    expect(b.status).toBe('new');
    expect(b.legs.map((l) => [l.status, l.side, l.type])).toEqual([
      ['held', 'sell', 'limit'],
      ['held', 'sell', 'stop'],
    ]);
    const legStatuses: string[][] = [];
    h.ex.onTradeUpdate((u) => {
      if (u.order.id === b.id) legStatuses.push(h.ex.getOrder(b.id)!.legs.map((l) => l.status));
    });
    h.ex.printTrade('AAPL', 98, 1);
    expect(h.events()).toEqual(['new:o1', 'partial_fill:o1', 'fill:o1', 'new:o2', 'new:o3']);
    expect(legStatuses[0]).toEqual(['held', 'held']);
    expect(h.ex.position('AAPL')).toMatchObject({ qty: 10, qty_available: 0 });
  });

  it('one exit filling cancels the other', () => {
    const h = createHarness();
    const b = h.submit({ ...BRACKET, type: 'market', limit_price: undefined });
    h.ex.printTrade('AAPL', 89, 1);
    expect(h.events()).toEqual(['new:o1', 'fill:o1', 'new:o2', 'new:o3', 'fill:o3', 'canceled:o2']);
    expect(h.ex.getOrder(b.id)!.legs.map((l) => l.status)).toEqual(['canceled', 'filled']);
  });

  it('must be an entry; leg prices keep 0.01 from the base price', () => {
    const h = createHarness();
    h.submit({ qty: 5 });
    expect(h.reject({ ...BRACKET, side: 'sell' }).message).toBe(
      'bracket orders must be entry orders',
    );
    const tp = h.reject({ ...BRACKET, take_profit: { limit_price: 99 } });
    expect([tp.status, tp.code, tp.message]).toEqual([
      422,
      42210000,
      'take_profit.limit_price must be >= base_price + 0.01',
    ]);
    expect(h.reject({ ...BRACKET, stop_loss: { stop_price: 98.995 } }).status).toBe(422);
    expect(h.reject({ ...BRACKET, stop_loss: { stop_price: 99 } }).message).toBe(
      'stop price must be less than base_price - 0.01',
    );
    expect(h.reject({ ...BRACKET, take_profit: undefined }).message).toBe(
      'bracket orders require take_profit and stop_loss',
    );
    expect(h.reject({ ...BRACKET, time_in_force: 'ioc' }).message).toBe(
      'bracket orders must be DAY or GTC orders',
    );
  });

  it('canceling the entry cancels the held legs', () => {
    const h = createHarness();
    const b = h.submit({ ...BRACKET, limit_price: 90, stop_loss: { stop_price: 85 } });
    h.ex.cancelOrder(b.id);
    expect(h.events()).toEqual(['new:o1', 'canceled:o1', 'canceled:o2', 'canceled:o3']);
  });

  it('nested view: the parent shows its legs, legs name their parent', () => {
    const h = createHarness();
    const b = h.submit(BRACKET);
    const all = h.ex.allOrders();
    expect(all).toHaveLength(3);
    expect(all.filter((o) => o.parent_id === b.id)).toHaveLength(2);
    expect(h.ex.getOrder(b.id)!.legs).toHaveLength(2);
  });
});

describe('oto orders', () => {
  it('an entry with one stop-loss leg activated when the entry fills', () => {
    const h = createHarness();
    const o = h.submit({ qty: 3, order_class: 'oto', stop_loss: { stop_price: 90 } });
    expect(o.legs).toHaveLength(1);
    expect(h.events()).toEqual(['new:o1', 'fill:o1', 'new:o2']);
    expect(h.ex.position('AAPL')!.qty_available).toBe(0);
    expect(
      h.reject({
        qty: 3,
        order_class: 'oto',
        stop_loss: { stop_price: 90 },
        take_profit: { limit_price: 110 },
      }).message,
    ).toBe('oto orders require exactly one of take_profit or stop_loss');
  });
});
