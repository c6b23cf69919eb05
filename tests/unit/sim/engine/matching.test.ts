import { describe, expect, it } from 'vitest';
import { createHarness } from '../../../support/exchange-harness.ts';

describe('limit orders', () => {
  it('a marketable limit buy fills at the ask, not its limit (price improvement)', () => {
    const h = createHarness({ spreadBps: 10 });
    h.submit({ type: 'limit', limit_price: 105, qty: 1 });
    expect(h.updates[1]).toMatchObject({ event: 'fill', price: 100.05 });
  });

  it('a non-marketable limit rests and fills when a print brings the ask to it', () => {
    const h = createHarness({ spreadBps: 10 });
    const o = h.submit({ type: 'limit', limit_price: 99, qty: 1 });
    h.ex.printTrade('AAPL', 99.02, 1);
    expect(h.eventsOf(o.id)).toEqual(['new']);
    h.ex.printTrade('AAPL', 98.9, 1);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: 98.95 });
  });

  it('sell limits fill at the bid when bid >= limit', () => {
    const h = createHarness({ spreadBps: 10 });
    h.submit({ qty: 2 });
    const o = h.submit({ side: 'sell', type: 'limit', limit_price: 101, qty: 2 });
    h.ex.printTrade('AAPL', 101, 1);
    expect(h.ex.getOrder(o.id)!.status).toBe('new');
    h.ex.printTrade('AAPL', 101.1, 1);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: 101.04 });
  });

  it('resting orders of a symbol fill in time priority', () => {
    const h = createHarness();
    const a = h.submit({ type: 'limit', limit_price: 98, qty: 1 });
    const b = h.submit({ type: 'limit', limit_price: 99, qty: 1 });
    h.ex.printTrade('AAPL', 97, 1);
    expect(h.events().slice(-2)).toEqual([`fill:o1`, `fill:o2`]);
    expect([a.id, b.id].map((id) => h.ex.getOrder(id)!.status)).toEqual(['filled', 'filled']);
  });
});

describe('stop orders', () => {
  it("a sell stop elects on a print at or through the stop and fills at that print's bid", () => {
    const h = createHarness({ spreadBps: 10 });
    h.submit({ qty: 1 });
    const s = h.submit({ side: 'sell', type: 'stop', stop_price: 95, qty: 1 });
    h.ex.printTrade('AAPL', 95.01, 1);
    expect(h.eventsOf(s.id)).toEqual(['new']);
    h.ex.printTrade('AAPL', 95, 1);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: 94.95 });
  });

  it('a buy stop becomes a stop-limit 4 % above the stop under $50', () => {
    const h = createHarness();
    const s = h.submit({ symbol: 'MSFT', type: 'stop', stop_price: 45, qty: 1 });
    h.ex.printTrade('MSFT', 47, 1);
    expect(h.ex.getOrder(s.id)!.status).toBe('new');
    h.ex.printTrade('MSFT', 46.7, 1);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: 46.7 });
  });

  it('a buy stop from $50 caps at 2.5 % above the stop', () => {
    const h = createHarness();
    const s = h.submit({ type: 'stop', stop_price: 102, qty: 1 });
    h.ex.printTrade('AAPL', 105, 1);
    expect(h.ex.getOrder(s.id)!.status).toBe('new');
    h.ex.printTrade('AAPL', 104.5, 1);
    expect(h.ex.getOrder(s.id)!.status).toBe('filled');
  });

  it('a stop-limit elects on the stop and then trades as a limit', () => {
    const h = createHarness();
    h.submit({ qty: 1 });
    const s = h.submit({
      side: 'sell',
      type: 'stop_limit',
      stop_price: 95,
      limit_price: 94.5,
      qty: 1,
    });
    h.ex.printTrade('AAPL', 94, 1);
    expect(h.ex.getOrder(s.id)!.status).toBe('new');
    h.ex.printTrade('AAPL', 94.5, 1);
    expect(h.ex.getOrder(s.id)!.status).toBe('filled');
  });
});

describe('trailing stops', () => {
  it('a sell trailing stop tracks the high-water mark and elects trail below it', () => {
    const h = createHarness();
    h.submit({ qty: 1 });
    const t = h.submit({
      side: 'sell',
      type: 'trailing_stop',
      trail_price: 2,
      qty: 1,
      time_in_force: 'gtc',
    });
    expect(t).toMatchObject({ hwm: 100, stop_price: 98 });
    h.ex.printTrade('AAPL', 105, 1);
    expect(h.ex.getOrder(t.id)).toMatchObject({ hwm: 105, stop_price: 103 });
    h.ex.printTrade('AAPL', 104, 1);
    expect(h.ex.getOrder(t.id)!.status).toBe('new');
    h.ex.printTrade('AAPL', 103, 1);
    expect(h.updates.at(-1)).toMatchObject({ event: 'fill', price: 103 });
  });

  it('trail_percent sets the stop as a fraction of the high-water mark', () => {
    const h = createHarness();
    h.submit({ qty: 1 });
    const t = h.submit({ side: 'sell', type: 'trailing_stop', trail_percent: 5, qty: 1 });
    h.ex.printTrade('AAPL', 120, 1);
    expect(h.ex.getOrder(t.id)).toMatchObject({ hwm: 120, stop_price: 114 });
  });
});
