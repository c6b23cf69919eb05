import { describe, expect, it } from 'vitest';
import { createHarness } from '../../../support/exchange-harness.ts';

describe('market orders in regular hours', () => {
  it('a market buy emits new then fill and opens the position at the ask', () => {
    const h = createHarness({ spreadBps: 10 });
    const order = h.submit({ qty: 10 });
    expect(order.status).toBe('new');
    expect(h.events()).toEqual(['new:o1', 'fill:o1']);
    const fill = h.updates[1]!;
    expect(fill).toMatchObject({ event: 'fill', price: 100.05, qty: 10, position_qty: 10 });
    expect(fill.execution_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fill.order).toMatchObject({
      status: 'filled',
      filled_qty: 10,
      filled_avg_price: 100.05,
    });
    expect(h.ex.position('AAPL')).toMatchObject({
      qty: 10,
      qty_available: 10,
      avg_entry_price: 100.05,
    });
    const account = h.ex.account();
    expect(account.cash).toBeCloseTo(100_000 - 1000.5, 9);
    expect(account.equity).toBeCloseTo(account.cash + 10 * 100, 9);
  });

  it('a market sell fills at the bid and books realized P/L; the position goes away at zero', () => {
    const h = createHarness({ spreadBps: 20 });
    h.submit({ qty: 10 });
    h.ex.printTrade('AAPL', 110, 100);
    h.submit({ side: 'sell', qty: 10 });
    const sell = h.updates.at(-1)!;
    expect(sell).toMatchObject({ event: 'fill', price: 109.89, qty: 10, position_qty: 0 });
    expect(h.ex.position('AAPL')).toBeUndefined();
    expect(h.ex.account().realized_pl).toBeCloseTo((109.89 - 100.1) * 10, 9);
  });

  it('snapshots in events are immutable copies of the order after the event', () => {
    const h = createHarness();
    h.submit({ qty: 1 });
    const [created, filled] = h.updates;
    expect(created!.order.status).toBe('new');
    expect(filled!.order.status).toBe('filled');
    expect(Object.isFrozen(created!.order)).toBe(true);
    expect(created!.ts).toBe(h.ex.now());
  });

  it('the average entry price is weighted on buys and unchanged on sells', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.ex.printTrade('AAPL', 110, 1);
    h.submit({ qty: 30 });
    expect(h.ex.position('AAPL')!.avg_entry_price).toBeCloseTo(107.5, 9);
    h.submit({ side: 'sell', qty: 20 });
    expect(h.ex.position('AAPL')).toMatchObject({ qty: 20 });
    expect(h.ex.position('AAPL')!.avg_entry_price).toBeCloseTo(107.5, 9);
  });

  it('quotes are the last trade -/+ half the spread, rounded outwards to the tick', () => {
    const h = createHarness({ spreadBps: 10 });
    expect(h.ex.quote('AAPL')).toMatchObject({ bid: 99.95, ask: 100.05 });
    expect(h.ex.quote('PENNY')).toMatchObject({ bid: 0.4997, ask: 0.5003 });
    expect(h.ex.lastTrade('AAPL')).toMatchObject({ price: 100, size: 0 });
    h.ex.printTrade('AAPL', 101.234, 5);
    expect(h.ex.quote('AAPL')).toMatchObject({ bid: 101.18, ask: 101.29 });
  });

  it('prints notify quote then print listeners before matching', () => {
    const h = createHarness();
    const seen: string[] = [];
    h.ex.onQuote((q) => seen.push(`quote:${q.bid}`));
    h.ex.onPrint((p) => seen.push(`print:${p.price}`));
    h.ex.onTradeUpdate((u) => seen.push(`update:${u.event}`));
    h.submit({ type: 'limit', limit_price: 99, qty: 1 });
    h.ex.printTrade('AAPL', 98, 1);
    expect(seen).toEqual(['update:new', 'quote:98', 'print:98', 'update:fill']);
  });

  it('an unsubscribed listener hears nothing more', () => {
    const h = createHarness();
    const seen: string[] = [];
    const off = h.ex.onTradeUpdate((u) => seen.push(u.event));
    h.submit({ qty: 1 });
    off();
    h.submit({ qty: 1 });
    expect(seen).toEqual(['new', 'fill']);
  });
});

describe('buying power', () => {
  it('limit buys reserve limit x qty; a buy beyond cash minus reservations is refused', () => {
    const h = createHarness({ cash: 10_000 });
    h.submit({ type: 'limit', limit_price: 90, qty: 100 });
    expect(h.ex.account().buying_power).toBeCloseTo(1000, 9);
    const e = h.reject({ type: 'limit', limit_price: 90, qty: 12 });
    expect([e.status, e.code, e.message]).toEqual([403, 40310000, 'insufficient buying power']);
    expect(h.submit({ type: 'limit', limit_price: 90, qty: 11 }).status).toBe('new');
  });

  it('market buys reserve the last ask plus a 5 % buffer; notional buys their notional', () => {
    const h = createHarness({ cash: 10_000 });
    expect(h.reject({ qty: 96 }).message).toBe('insufficient buying power');
    const h2 = createHarness({ cash: 10_000 });
    expect(h2.reject({ notional: 10_000.01 }).message).toBe('insufficient buying power');
    h2.submit({ notional: 10_000 });
    expect(h2.ex.position('AAPL')!.qty).toBe(100);
  });

  it('a canceled buy releases its reservation', () => {
    const h = createHarness({ cash: 10_000 });
    const o = h.submit({ type: 'limit', limit_price: 90, qty: 100 });
    h.ex.cancelOrder(o.id);
    expect(h.ex.account().buying_power).toBe(10_000);
  });
});

describe('fault injection', () => {
  it('the next submissions are rejected with the injected status, code and message', () => {
    const h = createHarness();
    h.ex.injectRejections(2, 500, 'internal server error');
    const a = h.reject({ qty: 1 });
    expect([a.status, a.code, a.message]).toEqual([500, 50010000, 'internal server error']);
    h.ex.injectRejections(1, 422, 'nope');
    expect([h.reject({ qty: 1 }).code]).toEqual([42210000]);
    h.ex.injectRejections(1, 403, 'no');
    expect(h.reject({ qty: 1 }).code).toBe(40310000);
    expect(h.submit({ qty: 1 }).status).toBe('new');
  });

  it('injected partial fills split the next order into that many executions, as separate events', () => {
    const h = createHarness();
    h.ex.injectPartialFills(3);
    const o = h.submit({ qty: 10 });
    expect(h.eventsOf(o.id)).toEqual(['new', 'partial_fill', 'partial_fill', 'fill']);
    const fills = h.updates.filter((u) => u.order.id === o.id && u.qty !== undefined);
    expect(fills.map((u) => u.qty)).toEqual([3, 3, 4]);
    expect(fills.map((u) => u.position_qty)).toEqual([3, 6, 10]);
    expect(new Set(fills.map((u) => u.execution_id)).size).toBe(3);
    expect(fills[1]!.order).toMatchObject({ status: 'partially_filled', filled_qty: 6 });
    h.submit({ qty: 1 });
    expect(h.events().slice(-2)).toEqual(['new:o2', 'fill:o2']);
  });

  it('injected partial fills wait for a resting order to become marketable', () => {
    const h = createHarness();
    h.ex.injectPartialFills(2);
    const o = h.submit({ type: 'limit', limit_price: 95, qty: 4 });
    expect(h.eventsOf(o.id)).toEqual(['new']);
    h.ex.printTrade('AAPL', 94, 1);
    expect(h.eventsOf(o.id)).toEqual(['new', 'partial_fill', 'fill']);
  });

  it('random partial fills follow the seed: same seed, same executions; the order always completes', () => {
    const run = (seed: number): Array<number | undefined> => {
      const h = createHarness({ seed, partialFillRate: 0.5 });
      for (let i = 0; i < 10; i++) h.submit({ qty: 50 });
      return h.updates.map((u) => u.qty);
    };
    expect(run(7)).toEqual(run(7));
    const h = createHarness({ seed: 7, partialFillRate: 0.5 });
    for (let i = 0; i < 10; i++) h.submit({ qty: 50 });
    expect(h.updates.some((u) => u.event === 'partial_fill')).toBe(true);
    expect(h.ex.position('AAPL')!.qty).toBe(500);
    expect(h.ex.allOrders().every((o) => o.status === 'filled')).toBe(true);
  });
});
