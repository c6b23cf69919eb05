/**
 * The simulator's order rules through the official SDK over real sockets: a market buy streams new/fill and
 * opens a position; a stop plus a separate limit for the same shares is refused; an OCO reserves the shares
 * once; a buy while it rests is a wash trade; a print through the stop fills the stop leg and cancels the other.
 */
import { PermissionError } from '@alpacahq/alpaca-trade-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectTradeUpdates,
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
let sdk: ReturnType<typeof sdkFor>;
let updates: Awaited<ReturnType<typeof connectTradeUpdates>>;

beforeAll(async () => {
  t = await startTestSimulator();
  sdk = sdkFor(t.sim);
  await control(t.sim).clock({ to: '2024-05-01T13:30:00Z', quiet: true });
  await control(t.sim).trade({ symbol: 'AAPL', price: 100, size: 100 });
  updates = await connectTradeUpdates(t.sim);
});
afterAll(async () => {
  updates.close();
  await t.stop();
});

async function rejection(p: Promise<unknown>): Promise<PermissionError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PermissionError);
  return e as PermissionError;
}

describe('simulator order rules through the SDK', () => {
  let stopId = '';
  let oco: Awaited<ReturnType<typeof sdk.alpaca.trading.orders.oco>>;

  it('fills a market buy: new then fill on the stream, then the position', async () => {
    const order = await sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty: 10, side: 'buy' });
    expect(order.symbol).toBe('AAPL');
    expect(order.qty).toBe('10');
    await waitFor(() => updates.eventsOf(order.id!).includes('fill'), 5000, 'the fill');
    expect(updates.eventsOf(order.id!)).toEqual(['new', 'fill']);
    const fill = updates.updates.find((u) => u.order.id === order.id && u.event === 'fill')!;
    expect(fill.qty).toBe('10');
    expect(fill.positionQty).toBe('10');
    expect(typeof fill.price).toBe('string');
    expect(fill.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fill.order.filledQty).toBe('10');
    const position = await sdk.alpaca.trading.positions.getOpenPosition({
      symbolOrAssetId: 'AAPL',
    });
    expect(position).toMatchObject({
      symbol: 'AAPL',
      qty: '10',
      qtyAvailable: '10',
      side: 'long',
      assetClass: 'us_equity',
    });
    const asset = await sdk.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({
      symbolOrAssetId: 'AAPL',
    });
    expect(position.assetId).toBe(asset.id);
  });

  it('refuses a separate limit sell for shares a stop already reserves (403, exact message)', async () => {
    const stop = await sdk.alpaca.trading.orders.stop({
      symbol: 'AAPL',
      qty: 10,
      side: 'sell',
      stopPrice: 95,
      timeInForce: 'gtc',
    });
    stopId = stop.id!;
    const e = await rejection(
      sdk.alpaca.trading.orders.limit({
        symbol: 'AAPL',
        qty: 10,
        side: 'sell',
        limitPrice: 110,
        timeInForce: 'gtc',
      }),
    );
    expect(e.status).toBe(403);
    expect(e.code).toBe(40310000);
    expect(e.message).toContain(
      'insufficient qty available for order (requested: 10, available: 0)',
    );
  });

  it('accepts an OCO exit instead, reserving the shares once (qty_available 0)', async () => {
    await sdk.alpaca.trading.orders.deleteOrderByOrderID({ orderId: stopId });
    await waitFor(() => updates.eventsOf(stopId).includes('canceled'), 5000, 'the stop cancel');
    oco = await sdk.alpaca.trading.orders.oco({
      symbol: 'AAPL',
      qty: 10,
      side: 'sell',
      timeInForce: 'gtc',
      takeProfit: { limitPrice: 110 },
      stopLoss: { stopPrice: 95 },
    });
    expect(oco.orderClass).toBe('oco');
    expect(oco.legs).toHaveLength(1);
    expect(['new', 'accepted']).toContain(oco.status);
    const position = await sdk.alpaca.trading.positions.getOpenPosition({
      symbolOrAssetId: 'AAPL',
    });
    expect(position.qtyAvailable).toBe('0');
    const nested = await sdk.alpaca.trading.orders.getAllOrders({
      status: 'open',
      nested: true,
      symbols: ['AAPL'],
    });
    expect(nested.map((o) => o.id)).toEqual([oco.id]);
    expect(nested[0]?.legs?.[0]?.stopPrice).toBe('95');
  });

  it('refuses a buy while the OCO rests: potential wash trade', async () => {
    const e = await rejection(
      sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty: 1, side: 'buy' }),
    );
    expect(e.message).toContain('potential wash trade detected. use complex orders');
  });

  it('fills the stop leg on a print through the stop and cancels the take-profit', async () => {
    const legId = oco.legs![0]!.id!;
    await control(t.sim).trade({ symbol: 'AAPL', price: 94.5, size: 100 });
    await waitFor(
      () =>
        updates.eventsOf(legId).includes('fill') && updates.eventsOf(oco.id!).includes('canceled'),
      5000,
      'stop fill + cancel',
    );
    const after = await sdk.alpaca.trading.orders.getOrderByOrderID({
      orderId: oco.id!,
      nested: true,
    });
    expect(after.status).toBe('canceled');
    expect(after.legs?.[0]?.status).toBe('filled');
    const positions = await sdk.alpaca.trading.positions.getAllOpenPositions();
    expect(positions.find((p) => p.symbol === 'AAPL')).toBeUndefined();
  });
});
