/** expires_at (DAY, extended hours, GTC ~90 days and its expiry), position_intent (echoed, defaulted, checked) and injected prints' ids. */
import { describe, expect, it } from 'vitest';
import { createHarness, et, IN_HOURS, OCO_EXIT } from '../../../support/exchange-harness.ts';
import { weekdays } from '../../../support/fake-market.ts';

const LONG_CALENDAR = { dates: weekdays('2024-04-01', '2024-09-30') };

describe('expires_at', () => {
  it('is the close of the session a DAY order works in: today in hours, the next session after the close', () => {
    const h = createHarness();
    expect(h.submit({ type: 'limit', limit_price: 90, qty: 1 }).expires_at).toBe(
      et('2024-05-01', '16:00'),
    );
    const late = createHarness({ startTs: et('2024-05-01', '18:00') });
    expect(late.submit({ type: 'limit', limit_price: 90, qty: 1 }).expires_at).toBe(
      et('2024-05-02', '16:00'),
    );
  });

  it('is 20:00 ET of the session for an extended-hours order, before or after the regular session', () => {
    const after = createHarness({ startTs: et('2024-05-01', '17:00') });
    expect(
      after.submit({ type: 'limit', limit_price: 90, qty: 1, extended_hours: true }).expires_at,
    ).toBe(et('2024-05-01', '20:00'));
    const before = createHarness({ startTs: et('2024-05-02', '07:00') });
    expect(
      before.submit({ type: 'limit', limit_price: 90, qty: 1, extended_hours: true }).expires_at,
    ).toBe(et('2024-05-02', '20:00'));
  });

  it('is the close of the last session within 90 days for GTC, and the order expires there', () => {
    const h = createHarness({ market: LONG_CALENDAR });
    // 2024-05-01 + 90 days = 2024-07-30, a Tuesday.
    const gtc = h.submit({ type: 'limit', limit_price: 90, qty: 1, time_in_force: 'gtc' });
    expect(gtc.expires_at).toBe(et('2024-07-30', '16:00'));
    h.ex.advanceTo(et('2024-07-30', '15:59'), { quiet: true });
    expect(h.ex.getOrder(gtc.id)?.status).toBe('new');
    h.ex.advanceTo(et('2024-07-30', '16:01'), { quiet: true });
    expect(h.ex.getOrder(gtc.id)).toMatchObject({
      status: 'expired',
      expired_at: et('2024-07-30', '16:00'),
    });
  });

  it('moves with a replacement', () => {
    const h = createHarness({ market: LONG_CALENDAR });
    const day = h.submit({ type: 'limit', limit_price: 90, qty: 1 });
    const gtc = h.ex.replaceOrder(day.id, { time_in_force: 'gtc' });
    expect(gtc.expires_at).toBe(et('2024-07-30', '16:00'));
  });
});

describe('position_intent', () => {
  it('is echoed when sent and defaulted from the side and the position when not', () => {
    const h = createHarness();
    expect(h.submit({ qty: 10, position_intent: 'buy_to_open' }).position_intent).toBe(
      'buy_to_open',
    );
    expect(h.submit({ type: 'limit', limit_price: 90, qty: 1 }).position_intent).toBe(
      'buy_to_open',
    );
    h.ex.cancelAllOrders();
    const exit = h.submit(OCO_EXIT);
    expect(exit.position_intent).toBe('sell_to_close');
    expect(exit.legs[0]?.position_intent).toBe('sell_to_close');
  });

  it('gives bracket legs the closing intent of their side', () => {
    const h = createHarness();
    const bracket = h.submit({
      qty: 5,
      type: 'limit',
      limit_price: 100,
      order_class: 'bracket',
      take_profit: { limit_price: 110 },
      stop_loss: { stop_price: 95 },
    });
    expect([bracket.position_intent, ...bracket.legs.map((l) => l.position_intent)]).toEqual([
      'buy_to_open',
      'sell_to_close',
      'sell_to_close',
    ]);
  });

  it('refuses an intent of the other side', () => {
    const h = createHarness();
    expect(h.reject({ qty: 1, position_intent: 'sell_to_close' })).toMatchObject({
      status: 422,
      message: 'position_intent sell_to_close does not match side buy',
    });
  });
});

describe('injected prints', () => {
  it("get one id each (ms x 1000 + n) and are listed with the market's own prints", () => {
    const h = createHarness();
    h.market.addPrints([{ symbol: 'AAPL', price: 100, size: 5, ts: IN_HOURS - 500 }]);
    const a = h.ex.printTrade('AAPL', 101, 10);
    const b = h.ex.printTrade('AAPL', 102, 10);
    expect([a.id, b.id]).toEqual([IN_HOURS * 1000 + 1, IN_HOURS * 1000 + 2]);
    expect(h.ex.tradesBetween('AAPL', IN_HOURS - 1000, IN_HOURS).map((p) => p.id)).toEqual([
      (IN_HOURS - 500) * 1000,
      a.id,
      b.id,
    ]);
    expect(h.ex.lastTrade('AAPL')).toEqual(b);
  });

  it('a late report is listed at its own time but moves neither the last price nor any order', () => {
    const h = createHarness();
    const buy = h.submit({ type: 'limit', limit_price: 95, qty: 1 });
    const late = h.ex.printTrade('AAPL', 90, 100, { ts: IN_HOURS - 60_000 });
    expect(late).toMatchObject({ late: true, id: (IN_HOURS - 60_000) * 1000 + 1 });
    expect(h.ex.lastTrade('AAPL').price).toBe(100);
    expect(h.ex.getOrder(buy.id)?.status).toBe('new');
    expect(h.ex.tradesBetween('AAPL', IN_HOURS - 120_000, IN_HOURS)).toEqual([late]);
    expect(() => h.ex.printTrade('AAPL', 90, 1, { ts: IN_HOURS + 1 })).toThrow(/after the clock/);
  });
});

describe('trade cancels and corrections', () => {
  it('mark the print canceled, or incorrect with a corrected print at its time; fills stand', () => {
    const h = createHarness();
    const buy = h.submit({ type: 'limit', limit_price: 101, qty: 1 });
    const a = h.ex.printTrade('AAPL', 101, 10);
    expect(h.ex.getOrder(buy.id)?.status).toBe('filled');
    const b = h.ex.printTrade('AAPL', 102, 10);
    const fixes: string[] = [];
    h.ex.onTradeFix((f) => fixes.push(`${f.kind}:${f.original.id}`));
    h.ex.cancelTrade('AAPL', a.id);
    const fix = h.ex.correctTrade('AAPL', b.id, 102.5, 12);
    expect(fix.corrected).toMatchObject({
      price: 102.5,
      size: 12,
      ts: b.ts,
      update: 'corrected',
      late: true,
      id: IN_HOURS * 1000 + 3,
    });
    expect(fixes).toEqual([`cancel:${a.id}`, `correct:${b.id}`]);
    expect(h.ex.tradesBetween('AAPL', IN_HOURS - 1, IN_HOURS).map((p) => [p.id, p.update])).toEqual(
      [
        [a.id, 'canceled'],
        [b.id, 'incorrect'],
        [IN_HOURS * 1000 + 3, 'corrected'],
      ],
    );
    expect(h.ex.lastTrade('AAPL')).toMatchObject({ id: b.id, update: 'incorrect' });
    expect(h.ex.getOrder(buy.id)?.status).toBe('filled');
    expect(() => h.ex.cancelTrade('AAPL', a.id)).toThrow(/already canceled/);
    expect(() => h.ex.cancelTrade('AAPL', 123)).toThrow(/not found/);
  });
});
