/** The trading REST surface through the official SDK: account, clock, calendar, assets, order queries, replace, cancels, positions. */
import { NotFoundError, ValidationError, withResponse } from '@alpacahq/alpaca-trade-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, sdkFor, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

let t: TestSimulator;
let sdk: ReturnType<typeof sdkFor>;

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'SPY', 'QQQ'], cash: 50_000 });
  sdk = sdkFor(t.sim);
  await control(t.sim).clock({ to: '2024-05-01T13:30:00Z', quiet: true });
});
afterAll(async () => {
  await t.stop();
});

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('account, clock, calendar, assets', () => {
  it('serves the account with decimal strings and rate-limit headers', async () => {
    const res = await withResponse(sdk.alpaca.trading.account.getAccountRaw());
    expect(res.data).toMatchObject({
      status: 'ACTIVE',
      currency: 'USD',
      cash: '50000',
      equity: '50000',
      multiplier: '1',
    });
    // Issue 18: the fields Alpaca's spec still lists (deprecated day-trading ones included) are all there.
    expect(res.data).toMatchObject({
      pattern_day_trader: false,
      daytrade_count: 0,
      daytrading_buying_power: '0',
      pending_reg_taf_fees: '0',
      intraday_adjustments: '0',
      balance_asof: '2024-04-30',
    });
    expect(res.rateLimit?.limit).toBeGreaterThan(0);
    expect(res.rateLimit?.remaining).toBeGreaterThanOrEqual(0);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the clock with New York offsets', async () => {
    const raw = await withResponse(sdk.alpaca.trading.clock.legacyClockRaw());
    expect(raw.data.isOpen).toBe(true);
    expect(raw.data.timestamp.toISOString()).toBe('2024-05-01T13:30:00.000Z');
    expect(raw.data.nextClose.toISOString()).toBe('2024-05-01T20:00:00.000Z');
    expect(raw.data.nextOpen.toISOString()).toBe('2024-05-02T13:30:00.000Z');
  });

  it('serves the calendar for ISO-timestamp bounds, without holidays, with early closes', async () => {
    const days = await sdk.alpaca.trading.calendar.legacyCalendar({
      start: new Date('2024-07-01'),
      end: new Date('2024-07-08'),
    });
    expect(days.map((d) => d.date.toISOString().slice(0, 10))).toEqual([
      '2024-07-01',
      '2024-07-02',
      '2024-07-03',
      '2024-07-05',
      '2024-07-08',
    ]);
    expect(days[2]).toMatchObject({
      open: '09:30',
      close: '13:00',
      sessionOpen: '0400',
      sessionClose: '2000',
    });
    expect(days[2]?.settlementDate.toISOString().slice(0, 10)).toBe('2024-07-05');
  });

  it('lists assets and finds one by symbol or id; unknown -> 404', async () => {
    const assets = await sdk.alpaca.trading.assets.getV2Assets({ status: 'active' });
    expect(assets.map((a) => a.symbol).sort()).toEqual(['AAPL', 'MSFT', 'QQQ', 'SPY']);
    const byId = await sdk.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({
      symbolOrAssetId: assets[0]!.id,
    });
    expect(byId.symbol).toBe(assets[0]!.symbol);
    const missing = await failure(
      sdk.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: 'NOPE' }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).message).toContain('asset not found');
  });
});

describe('orders', () => {
  it('lists with filters, gets one, replaces, cancels one (204) and all (207)', async () => {
    const orders = sdk.alpaca.trading.orders;
    const a = await orders.limit({
      symbol: 'MSFT',
      qty: 1,
      side: 'buy',
      limitPrice: 10,
      timeInForce: 'gtc',
    });
    const b = await orders.limit({
      symbol: 'QQQ',
      qty: 2,
      side: 'buy',
      limitPrice: 10,
      timeInForce: 'gtc',
    });
    expect((await orders.getAllOrders()).map((o) => o.id)).toEqual([b.id, a.id]);
    expect((await orders.getAllOrders({ direction: 'asc' })).map((o) => o.id)).toEqual([
      a.id,
      b.id,
    ]);
    expect((await orders.getAllOrders({ symbols: ['QQQ'] })).map((o) => o.id)).toEqual([b.id]);
    expect((await orders.getAllOrders({ limit: 1 })).map((o) => o.id)).toEqual([b.id]);
    expect(await orders.getAllOrders({ status: 'closed' })).toEqual([]);
    expect(await orders.getAllOrders({ side: 'sell' })).toEqual([]);

    const one = await orders.getOrderByOrderID({ orderId: a.id! });
    expect(one).toMatchObject({
      id: a.id,
      type: 'limit',
      orderType: 'limit',
      limitPrice: '10',
      filledQty: '0',
      assetClass: 'us_equity',
    });
    const malformed = await failure(orders.getOrderByOrderID({ orderId: 'not-a-uuid' }));
    expect(malformed).toBeInstanceOf(ValidationError);
    expect((malformed as ValidationError).status).toBe(422);
    const unknown = await failure(
      orders.getOrderByOrderID({ orderId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown).toBeInstanceOf(NotFoundError);

    const replaced = await orders.patchOrderByOrderId({
      orderId: a.id!,
      patchOrderRequest: { limitPrice: '11' },
    });
    expect(replaced.id).not.toBe(a.id);
    expect(replaced.replaces).toBe(a.id);
    expect(replaced.limitPrice).toBe('11');
    expect((await orders.getOrderByOrderID({ orderId: a.id! })).status).toBe('replaced');

    await orders.deleteOrderByOrderID({ orderId: b.id! });
    expect((await orders.getOrderByOrderID({ orderId: b.id! })).status).toBe('canceled');
    const all = await withResponse(orders.deleteAllOrdersRaw());
    expect(all.status).toBe(207);
    expect(all.data).toEqual([{ id: replaced.id, status: 200 }]);
  });
});

describe('positions', () => {
  it('closes part of a position by percentage, then everything with cancel_orders (207)', async () => {
    await control(t.sim).trade({ symbol: 'SPY', price: 500, size: 100 });
    await sdk.alpaca.trading.orders.market({ symbol: 'SPY', qty: 10, side: 'buy' });
    const part = await sdk.alpaca.trading.positions.deleteOpenPosition({
      symbolOrAssetId: 'SPY',
      percentage: 50,
    });
    expect(part).toMatchObject({ symbol: 'SPY', side: 'sell', qty: '5' });
    const position = await sdk.alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'SPY' });
    expect(position.qty).toBe('5');
    const closed = await sdk.alpaca.trading.closeAllPositions({ cancelOrders: true });
    expect(closed).toEqual([
      expect.objectContaining({
        symbol: 'SPY',
        status: 200,
        body: expect.objectContaining({ side: 'sell', qty: '5' }),
      }),
    ]);
    expect(await sdk.alpaca.trading.positions.getAllOpenPositions()).toEqual([]);
    const gone = await failure(
      sdk.alpaca.trading.positions.getOpenPosition({ symbolOrAssetId: 'SPY' }),
    );
    expect(gone).toBeInstanceOf(NotFoundError);
  });
});
