import { describe, expect, it } from 'vitest';
import { OCO_EXIT, createHarness } from '../../../support/exchange-harness.ts';

function holding(qty = 10) {
  const h = createHarness();
  h.submit({ qty });
  return h;
}

describe('shares reserved by open sells', () => {
  it('a stop and a separate limit sell for the same shares: the second is rejected', () => {
    const h = holding();
    h.submit({ side: 'sell', type: 'stop', stop_price: 95, qty: 10, time_in_force: 'gtc' });
    expect(h.ex.position('AAPL')!.qty_available).toBe(0);
    const e = h.reject({
      side: 'sell',
      type: 'limit',
      limit_price: 120,
      qty: 10,
      time_in_force: 'gtc',
    });
    expect([e.status, e.code, e.message]).toEqual([
      403,
      40310000,
      'insufficient qty available for order (requested: 10, available: 0)',
    ]);
  });

  it('split quantities both fit', () => {
    const h = holding();
    h.submit({ side: 'sell', type: 'stop', stop_price: 95, qty: 6, time_in_force: 'gtc' });
    expect(h.ex.position('AAPL')!.qty_available).toBe(4);
    expect(h.reject({ side: 'sell', type: 'limit', limit_price: 120, qty: 5 }).message).toBe(
      'insufficient qty available for order (requested: 5, available: 4)',
    );
    expect(h.submit({ side: 'sell', type: 'limit', limit_price: 120, qty: 4 }).status).toBe('new');
  });

  it('an OCO exit reserves the shares once for both legs', () => {
    const h = holding();
    const oco = h.submit(OCO_EXIT);
    expect(oco).toMatchObject({
      order_class: 'oco',
      type: 'limit',
      limit_price: 120,
      status: 'new',
      parent_id: null,
    });
    expect(oco.legs).toHaveLength(1);
    expect(oco.legs[0]).toMatchObject({
      type: 'stop',
      stop_price: 95,
      side: 'sell',
      qty: 10,
      parent_id: oco.id,
    });
    expect(h.events().slice(-2)).toEqual(['new:o2', 'new:o3']);
    expect(h.ex.position('AAPL')).toMatchObject({ qty: 10, qty_available: 0 });
  });

  it('a cancel releases the shares', () => {
    const h = holding();
    const oco = h.submit(OCO_EXIT);
    h.ex.cancelOrder(oco.id);
    expect(h.events().slice(-2)).toEqual(['canceled:o2', 'canceled:o3']);
    expect(h.ex.position('AAPL')!.qty_available).toBe(10);
  });
});

describe('wash-trade protection (strict)', () => {
  it('a buy while an OCO exit rests is rejected', () => {
    const h = holding();
    h.submit(OCO_EXIT);
    const e = h.reject({ qty: 1 });
    expect([e.status, e.code, e.message]).toEqual([
      403,
      40310000,
      'potential wash trade detected. use complex orders',
    ]);
  });

  it('a sell while a buy rests is rejected; other symbols are not affected', () => {
    const h = holding();
    h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    expect(h.reject({ side: 'sell', qty: 1 }).message).toBe(
      'potential wash trade detected. use complex orders',
    );
    expect(h.submit({ symbol: 'MSFT', qty: 1 }).status).toBe('new');
  });

  it('the legs of one bracket are exempt from each other', () => {
    const h = createHarness();
    const b = h.submit({
      type: 'limit',
      limit_price: 100,
      qty: 5,
      order_class: 'bracket',
      take_profit: { limit_price: 110 },
      stop_loss: { stop_price: 90 },
    });
    expect(h.ex.getOrder(b.id)!.status).toBe('filled');
    expect(h.ex.getOrder(b.legs[0]!.id)!.status).toBe('new');
  });
});
