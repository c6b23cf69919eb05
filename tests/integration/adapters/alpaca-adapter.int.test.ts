/**
 * The Alpaca adapter against the simulator, through the official SDK over real sockets: what the engine
 * will see from Alpaca, mapped once, errors classified once.
 */
import { BehaviorSubject, firstValueFrom, type Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlpaca, type AlpacaAdapters } from '../../../src/adapters/alpaca/create-alpaca.ts';
import { BrokerError } from '../../../src/domain/broker-error.ts';
import type { BadFrame, FeedEvent, MarketTrade, TradeUpdate } from '../../../src/domain/events.ts';
import { price, qty } from '../../../src/domain/money.ts';
import {
  control,
  startTestSimulator,
  TEST_KEY,
  TEST_SECRET,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import { silentLogger } from '../../../src/domain/silent-logger.ts';

let t: TestSimulator;
let alpaca: AlpacaAdapters;

function adapters(keyId = TEST_KEY, secretKey = TEST_SECRET): AlpacaAdapters {
  const u = t.sim.urls;
  return createAlpaca({
    keyId,
    secretKey,
    endpoint: u.rest,
    dataEndpoint: u.rest,
    streamUrl: u.tradingStream,
    dataStreamUrl: u.dataStream,
    log: silentLogger,
  });
}

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'KO'] });
  alpaca = adapters();
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
});
afterAll(async () => {
  await t.stop();
});

describe('REST', () => {
  it('reads the account, clock, calendar and assets', async () => {
    const account = await alpaca.broker.getAccount();
    expect(account).toMatchObject({ kind: 'AccountReport', cash: 100_000, equity: 100_000 });
    const clock = await alpaca.broker.getClock();
    expect(clock).toMatchObject({ isOpen: true, tsNow: Date.parse('2024-05-01T13:31:00Z') });
    const days = await alpaca.broker.getCalendar('2024-07-01', '2024-07-08');
    expect(days.map((d) => d.date)).toEqual([
      '2024-07-01',
      '2024-07-02',
      '2024-07-03',
      '2024-07-05',
      '2024-07-08',
    ]);
    expect(days[2]?.tsClose).toBe(Date.parse('2024-07-03T17:00:00Z'));
    expect(await alpaca.broker.getAsset('AAPL')).toMatchObject({
      symbol: 'AAPL',
      fractionable: true,
      tradable: true,
    });
  });

  it('submits, finds by client id, lists and cancels orders', async () => {
    const order = await alpaca.broker.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'adapter-limit-1',
      symbol: 'MSFT',
      side: 'buy',
      type: 'limit',
      timeInForce: 'day',
      qty: qty(1),
      limitPrice: price(1),
      reason: 'test',
    });
    expect(order).toMatchObject({
      clientOrderId: 'adapter-limit-1',
      symbol: 'MSFT',
      qty: 1,
      limitPrice: 1,
    });
    expect((await alpaca.broker.getOrderByClientId('adapter-limit-1'))?.id).toBe(order.id);
    expect(await alpaca.broker.getOrderByClientId('never-sent')).toBeUndefined();
    const open = await alpaca.broker.listOrders({ status: 'open', symbols: ['MSFT'] });
    expect(open.map((o) => o.id)).toContain(order.id);
    await alpaca.broker.cancelOrder(order.id);
    await waitFor(
      async () => (await alpaca.broker.getOrder(order.id)).status === 'canceled',
      3000,
      'the cancel',
    );
  });

  it('classifies a rejection by the broker, with its message', async () => {
    const duplicate = alpaca.broker.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'adapter-limit-1',
      symbol: 'MSFT',
      side: 'buy',
      type: 'limit',
      timeInForce: 'day',
      qty: qty(1),
      limitPrice: price(1),
      reason: 'test',
    });
    await expect(duplicate).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringMatching(/client_order_id must be unique/) as unknown,
    });
  });

  it('classifies bad credentials as auth', async () => {
    await expect(adapters('PKWRONGKEY', 'wrong-secret').broker.getAccount()).rejects.toBeInstanceOf(
      BrokerError,
    );
    await expect(adapters('PKWRONGKEY', 'wrong-secret').broker.getAccount()).rejects.toMatchObject({
      kind: 'auth',
    });
  });

  it('follows bar pagination and returns every bar', async () => {
    const bars = await alpaca.broker.getBars(
      ['AAPL', 'MSFT'],
      '1Min',
      Date.parse('2024-03-01T00:00:00Z'),
      Date.parse('2024-04-15T00:00:00Z'),
    );
    expect(bars.AAPL?.length).toBeGreaterThan(10_000);
    expect(bars.AAPL?.length).toBe(bars.MSFT?.length);
    const ts = bars.AAPL?.map((b) => b.ts) ?? [];
    expect(new Set(ts).size).toBe(ts.length);
    const daily = await alpaca.broker.getBars(['AAPL'], '1Day', Date.parse('2024-04-01T00:00:00Z'));
    expect(daily.AAPL?.at(-1)?.ts).toBeLessThan(Date.parse('2024-05-01T04:00:00Z'));
  });

  it('reads the latest ask, bid and trade', async () => {
    await control(t.sim).trade({ symbol: 'KO', price: 60.25, size: 100 });
    const latest = await alpaca.broker.getLatestPrices(['KO']);
    expect(latest.KO).toMatchObject({ last: 60.25 });
    expect(latest.KO?.ask).toBeGreaterThanOrEqual(60.25);
    expect(latest.KO?.bid).toBeLessThanOrEqual(60.25);
  });
});

describe('streams', () => {
  it('maps trade updates with execution fields and arrival time, and resyncs after a drop', async () => {
    const seen: Array<TradeUpdate | FeedEvent | BadFrame> = [];
    const sub: Subscription = alpaca.tradeFeed.tradeUpdates$().subscribe((e) => seen.push(e));
    await waitFor(() => seen.some((e) => e.kind === 'FeedResynced'), 5000, 'the first resync');
    const order = await alpaca.broker.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'adapter-mkt-1',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(3),
      reason: 'test',
    });
    const fill = await waitFor(
      () =>
        seen.find(
          (e): e is TradeUpdate =>
            e.kind === 'TradeUpdate' && e.event === 'fill' && e.order.id === order.id,
        ),
      5000,
      'the fill',
    );
    expect(fill.qty).toBe(3);
    expect(fill.positionQty).toBe(3);
    expect(fill.price).toBeGreaterThan(0);
    expect(fill.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fill.tsReceived).toBeGreaterThan(Date.now() - 10_000);
    await control(t.sim).faults({ kind: 'drop_streams', refuse_ms: 200 });
    await waitFor(() => seen.some((e) => e.kind === 'FeedDown'), 5000, 'the drop');
    await waitFor(
      () => seen.filter((e) => e.kind === 'FeedResynced').length >= 2,
      10_000,
      'the reconnect',
    );
    sub.unsubscribe();
  });

  it('streams trades for the current symbol set', async () => {
    const symbols$ = new BehaviorSubject<readonly string[]>(['KO']);
    const trades: MarketTrade[] = [];
    let resynced = false;
    // One subscription only: Alpaca allows one data connection per key.
    const sub = alpaca.marketFeed.trades$(symbols$).subscribe((e) => {
      if (e.kind === 'MarketTrade') trades.push(e);
      if (e.kind === 'FeedResynced') resynced = true;
    });
    await waitFor(() => resynced, 5000, 'the data stream');
    await waitFor(
      async () => {
        await control(t.sim).trade({ symbol: 'KO', price: 61, size: 10 });
        return trades.some((x) => x.symbol === 'KO' && x.price === 61);
      },
      5000,
      'a KO trade',
    );
    symbols$.next(['MSFT']);
    await waitFor(
      async () => {
        await control(t.sim).trade({ symbol: 'MSFT', price: 401.5, size: 10 });
        return trades.some((x) => x.symbol === 'MSFT' && x.price === 401.5);
      },
      5000,
      'an MSFT trade',
    );
    expect(trades.every((x) => x.tsEvent > 0 && x.size > 0)).toBe(true);
    sub.unsubscribe();
  });

  it('fails the trading stream with an auth error on bad credentials', async () => {
    const bad = adapters('PKWRONGKEY', 'wrong-secret');
    await expect(firstValueFrom(bad.tradeFeed.tradeUpdates$())).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
