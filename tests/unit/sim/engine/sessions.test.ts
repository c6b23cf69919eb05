import { describe, expect, it } from 'vitest';
import { createHarness, et } from '../../../support/exchange-harness.ts';

const AFTER_CLOSE = et('2024-05-01', '18:00');
const NEXT_OPEN = et('2024-05-02', '09:30');

describe('orders outside regular hours', () => {
  it('a market buy after the close is accepted without events and fills at the next open price (quiet clock)', () => {
    const h = createHarness({ startTs: AFTER_CLOSE });
    const o = h.submit({ qty: 5 });
    expect(o.status).toBe('accepted');
    expect(h.updates).toEqual([]);
    h.market.setPrice('AAPL', 104);
    h.ex.advanceTo(et('2024-05-02', '09:45'), { quiet: true });
    expect(h.events()).toEqual(['new:o1', 'fill:o1']);
    expect(h.updates[0]!.ts).toBe(NEXT_OPEN);
    expect(h.updates[1]).toMatchObject({ price: 104, ts: NEXT_OPEN });
    expect(h.ex.now()).toBe(et('2024-05-02', '09:45'));
  });

  it('with prints, an accepted market order fills at the first print of the session', () => {
    const h = createHarness({ startTs: AFTER_CLOSE, spreadBps: 10 });
    h.market.addPrints([
      { symbol: 'AAPL', price: 101, size: 10, ts: NEXT_OPEN + 1000 },
      { symbol: 'AAPL', price: 102, size: 10, ts: NEXT_OPEN + 2000 },
    ]);
    h.submit({ qty: 5 });
    h.ex.advanceTo(NEXT_OPEN + 5000);
    expect(h.events()).toEqual(['new:o1', 'fill:o1']);
    expect(h.updates[1]).toMatchObject({ price: 101.06, ts: NEXT_OPEN + 1000 });
    expect(h.ex.lastTrade('AAPL')).toMatchObject({ price: 102, ts: NEXT_OPEN + 2000 });
  });

  it('a print exactly at the open comes after the open', () => {
    const h = createHarness({ startTs: AFTER_CLOSE });
    h.market.addPrints([{ symbol: 'AAPL', price: 97, size: 10, ts: NEXT_OPEN }]);
    h.submit({ qty: 1 });
    h.ex.advanceTo(NEXT_OPEN);
    expect(h.updates[1]).toMatchObject({ event: 'fill', price: 97 });
  });

  it('stops do not elect outside regular hours', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const stop = h.submit({
      side: 'sell',
      type: 'stop',
      stop_price: 95,
      qty: 10,
      time_in_force: 'gtc',
    });
    h.ex.advanceTo(AFTER_CLOSE, { quiet: true });
    h.ex.printTrade('AAPL', 90, 100);
    expect(h.ex.getOrder(stop.id)!.status).toBe('new');
    h.ex.advanceTo(NEXT_OPEN, { quiet: true });
    h.ex.printTrade('AAPL', 90, 100);
    expect(h.ex.getOrder(stop.id)!.status).toBe('filled');
  });

  it('extended-hours DAY limits work outside regular hours and expire at 20:00 ET', () => {
    const h = createHarness({ startTs: et('2024-05-01', '17:00') });
    const a = h.submit({ type: 'limit', limit_price: 99, qty: 1, extended_hours: true });
    const b = h.submit({ type: 'limit', limit_price: 98, qty: 1, extended_hours: true });
    expect(a.status).toBe('new');
    h.ex.printTrade('AAPL', 99, 1);
    expect(h.ex.getOrder(a.id)!.status).toBe('filled');
    h.ex.advanceTo(et('2024-05-01', '20:00'), { quiet: true });
    expect(h.ex.getOrder(b.id)!.status).toBe('expired');
  });

  it('a regular limit submitted during the session does not trade after the close', () => {
    const h = createHarness();
    const o = h.submit({ type: 'limit', limit_price: 95, qty: 1, time_in_force: 'gtc' });
    h.ex.advanceTo(AFTER_CLOSE, { quiet: true });
    h.ex.printTrade('AAPL', 94, 1);
    expect(h.ex.getOrder(o.id)!.status).toBe('new');
  });
});

describe('the close', () => {
  it('DAY orders still open expire at the close; GTC orders stay', () => {
    const h = createHarness();
    const day = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    const gtc = h.submit({ type: 'limit', limit_price: 90, qty: 1, time_in_force: 'gtc' });
    h.ex.advanceTo(et('2024-05-01', '16:00'), { quiet: true });
    expect(h.eventsOf(day.id)).toEqual(['new', 'expired']);
    expect(h.ex.getOrder(day.id)).toMatchObject({
      status: 'expired',
      expired_at: et('2024-05-01', '16:00'),
    });
    expect(h.ex.getOrder(gtc.id)!.status).toBe('new');
  });

  it('a partially filled DAY order keeps its filled qty when it expires', () => {
    const h = createHarness({ partialFillRate: 1, seed: 3 });
    const o = h.submit({ type: 'limit', limit_price: 100, qty: 10 });
    const filled = h.ex.getOrder(o.id)!.filled_qty;
    expect(filled).toBeGreaterThan(0);
    expect(filled).toBeLessThan(10);
    h.ex.advanceTo(et('2024-05-01', '16:00'), { quiet: true });
    expect(h.ex.getOrder(o.id)).toMatchObject({ status: 'expired', filled_qty: filled });
    expect(h.ex.position('AAPL')!.qty).toBe(filled);
  });

  it('a partially filled resting limit fills its rest on the next marketable print', () => {
    const h = createHarness({ partialFillRate: 1, seed: 3 });
    const o = h.submit({ type: 'limit', limit_price: 100, qty: 10 });
    expect(h.ex.getOrder(o.id)!.status).toBe('partially_filled');
    h.ex.printTrade('AAPL', 101, 1);
    expect(h.ex.getOrder(o.id)!.status).toBe('partially_filled');
    for (let i = 0; i < 20 && h.ex.getOrder(o.id)!.status !== 'filled'; i++)
      h.ex.printTrade('AAPL', 99, 1);
    expect(h.ex.getOrder(o.id)).toMatchObject({ status: 'filled', filled_qty: 10 });
  });

  it('last_equity and lastday_price keep the previous trading day until the next open, as Alpaca', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.ex.printTrade('AAPL', 110, 1);
    expect(h.ex.account().last_equity).toBe(100_000);
    expect(h.ex.position('AAPL')).toMatchObject({ lastday_price: 100, change_today: 0.1 });
    h.ex.advanceTo(AFTER_CLOSE, { quiet: true });
    // After the close the day's P/L is still measured from the day before: a 16:05 report shows the day.
    expect(h.ex.account().last_equity).toBe(100_000);
    expect(h.ex.position('AAPL')).toMatchObject({ lastday_price: 100, change_today: 0.1 });
    h.ex.advanceTo(NEXT_OPEN, { quiet: true });
    h.ex.printTrade('AAPL', 110, 1);
    expect(h.ex.account().last_equity).toBeCloseTo(100_100, 9);
    expect(h.ex.position('AAPL')).toMatchObject({
      lastday_price: 110,
      change_today: 0,
      unrealized_intraday_pl: 0,
    });
    expect(h.ex.position('AAPL')!.unrealized_pl).toBeCloseTo(100, 9);
  });

  it('the clock never moves backwards and walks several days', () => {
    const h = createHarness();
    expect(() => {
      h.ex.advanceTo(h.ex.now() - 1);
    }).toThrow('the clock cannot move backwards');
    h.submit({ type: 'limit', limit_price: 90, qty: 1, time_in_force: 'gtc' });
    h.ex.advanceTo(et('2024-05-10', '12:00'), { quiet: true });
    expect(h.ex.now()).toBe(et('2024-05-10', '12:00'));
    expect(h.ex.allOrders()[0]!.status).toBe('new');
  });
});

describe('time in force', () => {
  it('ioc fills what it can now and cancels the rest; a non-marketable ioc is canceled', () => {
    const h = createHarness();
    const a = h.submit({ type: 'limit', limit_price: 101, qty: 5, time_in_force: 'ioc' });
    expect(h.eventsOf(a.id)).toEqual(['new', 'fill']);
    const b = h.submit({ type: 'limit', limit_price: 99, qty: 5, time_in_force: 'ioc' });
    expect(h.eventsOf(b.id)).toEqual(['new', 'canceled']);
  });

  it('fok fills whole or not at all', () => {
    const h = createHarness({ partialFillRate: 1 });
    const a = h.submit({ type: 'limit', limit_price: 101, qty: 5, time_in_force: 'fok' });
    expect(h.eventsOf(a.id)).toEqual(['new', 'fill']);
    const b = h.submit({ type: 'limit', limit_price: 99, qty: 5, time_in_force: 'fok' });
    expect(h.eventsOf(b.id)).toEqual(['new', 'canceled']);
  });

  it('opg orders trade at the opening print; the rest is canceled; refused from 9:28 to 19:00', () => {
    const h = createHarness({ startTs: et('2024-05-01', '20:00') });
    const m = h.submit({ qty: 2, time_in_force: 'opg' });
    const l = h.submit({ type: 'limit', limit_price: 90, qty: 2, time_in_force: 'opg' });
    h.market.addPrints([{ symbol: 'AAPL', price: 100.5, size: 1, ts: NEXT_OPEN + 10 }]);
    h.ex.advanceTo(NEXT_OPEN + 1000);
    expect(h.eventsOf(m.id)).toEqual(['new', 'fill']);
    expect(h.updates.find((u) => u.order.id === m.id && u.event === 'fill')!.price).toBe(100.5);
    expect(h.eventsOf(l.id)).toEqual(['new', 'canceled']);
    expect(h.reject({ qty: 1, time_in_force: 'opg' }).message).toBe(
      'opg orders are not accepted from 9:28 to 19:00 ET',
    );
    const h2 = createHarness({ startTs: et('2024-05-01', '18:59') });
    expect(h2.reject({ qty: 1, time_in_force: 'opg' }).status).toBe(422);
    const h3 = createHarness({ startTs: et('2024-05-02', '09:28') });
    expect(h3.reject({ qty: 1, time_in_force: 'opg' }).status).toBe(422);
  });

  it('cls orders trade at the closing price; refused from 15:50 to 19:00', () => {
    const h = createHarness();
    const c = h.submit({ qty: 2, time_in_force: 'cls' });
    expect(h.eventsOf(c.id)).toEqual(['new']);
    h.ex.printTrade('AAPL', 103, 1);
    expect(h.ex.getOrder(c.id)!.status).toBe('new');
    h.ex.advanceTo(et('2024-05-01', '16:00'), { quiet: true });
    expect(h.updates.find((u) => u.event === 'fill')).toMatchObject({
      price: 103,
      qty: 2,
      ts: et('2024-05-01', '16:00'),
    });
    const late = createHarness({ startTs: et('2024-05-01', '15:55') });
    expect(late.reject({ qty: 1, time_in_force: 'cls' }).message).toBe(
      'cls orders are not accepted from 10 minutes before the close to 19:00 ET',
    );
  });
});
