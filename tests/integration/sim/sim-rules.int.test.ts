/**
 * Account-level rules and queueing through the official SDK: fractional rules, client_order_id reuse, orders
 * accepted while closed and worked at the open, DAY expiry at the close.
 */
import { NotFoundError, PermissionError, ValidationError } from '@alpacahq/alpaca-trade-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

beforeEach(async () => {
  t = await startTestSimulator({ notFractionable: ['MSFT'], symbols: ['AAPL', 'MSFT', 'SPY'] });
  sdk = sdkFor(t.sim);
});
afterEach(async () => {
  await t.stop();
});

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('fractional rules', () => {
  it('allows fractional DAY orders on fractionable assets only', async () => {
    await control(t.sim).clock({ to: '2024-05-01T13:30:00Z', quiet: true });
    const notFractionable = await failure(
      sdk.alpaca.trading.orders.market({ symbol: 'MSFT', qty: 0.5, side: 'buy' }),
    );
    expect(notFractionable).toBeInstanceOf(PermissionError);
    expect((notFractionable as PermissionError).message).toContain(
      'asset "MSFT" is not fractionable',
    );
    const gtc = await failure(
      sdk.alpaca.trading.orders.market({
        symbol: 'AAPL',
        qty: 0.5,
        side: 'buy',
        timeInForce: 'gtc',
      }),
    );
    expect(gtc).toBeInstanceOf(ValidationError);
    expect((gtc as ValidationError).message).toContain('fractional orders must be DAY orders');
    const ok = await sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty: 0.5, side: 'buy' });
    expect(ok.qty).toBe('0.5');
    const notional = await sdk.alpaca.trading.orders.market({
      symbol: 'AAPL',
      notional: 100,
      side: 'buy',
    });
    expect(notional.notional).toBe('100');
    expect(notional.qty).toBeUndefined();
    const asset = await sdk.alpaca.trading.assets.getV2AssetsSymbolOrAssetId({
      symbolOrAssetId: 'MSFT',
    });
    expect(asset.fractionable).toBe(false);
  });
});

describe('client_order_id', () => {
  it('is unique forever, even after a cancel, and finds the order through the colon route', async () => {
    const first = await sdk.alpaca.trading.orders.limit({
      symbol: 'AAPL',
      qty: 1,
      side: 'buy',
      limitPrice: 1,
      clientOrderId: 'my-id-1',
    });
    const found = await sdk.alpaca.trading.orders.getOrderByClientOrderId({
      clientOrderId: 'my-id-1',
    });
    expect(found.id).toBe(first.id);
    await sdk.alpaca.trading.orders.deleteOrderByOrderID({ orderId: first.id! });
    const reused = await failure(
      sdk.alpaca.trading.orders.limit({
        symbol: 'AAPL',
        qty: 1,
        side: 'buy',
        limitPrice: 1,
        clientOrderId: 'my-id-1',
      }),
    );
    expect(reused).toBeInstanceOf(ValidationError);
    expect((reused as ValidationError).message).toContain('client_order_id must be unique');
    const missing = await failure(
      sdk.alpaca.trading.orders.getOrderByClientOrderId({ clientOrderId: 'never-sent' }),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});

describe('market hours', () => {
  it('accepts orders while closed, works them at the open, and expires DAY orders at the close', async () => {
    const updates = await connectTradeUpdates(t.sim);
    try {
      const clock = await sdk.alpaca.trading.clock.legacyClock();
      expect(clock.isOpen).toBe(false);
      const order = await sdk.alpaca.trading.orders.limit({
        symbol: 'SPY',
        qty: 2,
        side: 'buy',
        limitPrice: 1,
      });
      expect(order.status).toBe('accepted');
      await control(t.sim).clock({ to: '2024-05-01T13:30:00Z', quiet: true });
      await waitFor(() => updates.eventsOf(order.id!).includes('new'), 5000, 'new at the open');
      expect((await sdk.alpaca.trading.clock.legacyClock()).isOpen).toBe(true);
      await control(t.sim).clock({ to: '2024-05-01T20:00:00Z', quiet: true });
      await waitFor(
        () => updates.eventsOf(order.id!).includes('expired'),
        5000,
        'expiry at the close',
      );
      const after = await sdk.alpaca.trading.orders.getOrderByOrderID({ orderId: order.id! });
      expect(after.status).toBe('expired');
      expect(after.expiredAt).toBeInstanceOf(Date);
    } finally {
      updates.close();
    }
  });
});
