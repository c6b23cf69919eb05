/** Every fault kind of POST /sim/faults, observed through the official SDK (REST and trading stream). */
import { ApiError, PermissionError } from '@alpacahq/alpaca-trade-api';
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
let updates: Awaited<ReturnType<typeof connectTradeUpdates>>;

beforeEach(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'SPY'] });
  sdk = sdkFor(t.sim);
  await control(t.sim).clock({ to: '2024-05-01T13:30:00Z', quiet: true });
  updates = await connectTradeUpdates(t.sim);
});
afterEach(async () => {
  updates.close();
  await t.stop();
});

const buy = (qty: number) => sdk.alpaca.trading.orders.market({ symbol: 'AAPL', qty, side: 'buy' });

describe('stream faults', () => {
  it('drop_streams with refuse_ms: both SDK streams reconnect after the refusal and data flows again', async () => {
    let reconnected = 0;
    updates.stream.onReconnected(() => {
      reconnected += 1;
    });
    const stocks = sdk.stockStream();
    let stockReconnected = 0;
    const trades: number[] = [];
    stocks.onReconnected(() => {
      stockReconnected += 1;
    });
    stocks.onTrade((tr) => trades.push(tr.price));
    stocks.subscribeForTrades(['SPY']);
    stocks.connect();
    try {
      expect(await stocks.waitForAuthentication(5000)).toBe(true);
      await waitFor(() => t.sim.connections().data === 1, 5000, 'the data session');
      const before = updates.subscriptions();
      const refusedFrom = Date.now();
      await control(t.sim).faults({ kind: 'drop_streams', refuse_ms: 300 });
      await waitFor(
        () => reconnected > 0 && updates.subscriptions() > before && stockReconnected > 0,
        10_000,
        'both reconnects',
      );
      expect(Date.now() - refusedFrom).toBeGreaterThanOrEqual(250);
      const order = await buy(1);
      await waitFor(
        () => updates.eventsOf(order.id!).includes('fill'),
        5000,
        'a fill after the reconnect',
      );
      await waitFor(
        async () => {
          await control(t.sim).trade({ symbol: 'SPY', price: 501.25, size: 10 });
          return trades.includes(501.25);
        },
        5000,
        'a trade on the reconnected data stream',
      );
    } finally {
      stocks.disconnect();
    }
  });

  it('duplicate_trade_updates: the next count updates arrive twice with the same execution_id', async () => {
    await control(t.sim).faults({ kind: 'duplicate_trade_updates', count: 2 });
    const order = await buy(3);
    await waitFor(
      () => updates.eventsOf(order.id!).filter((e) => e === 'fill').length === 2,
      5000,
      'the duplicated fill',
    );
    expect(updates.eventsOf(order.id!)).toEqual(['new', 'new', 'fill', 'fill']);
    const fills = updates.updates.filter((u) => u.order.id === order.id && u.event === 'fill');
    expect(fills[0]?.executionId).toBe(fills[1]?.executionId);
    const next = await buy(1);
    await waitFor(() => updates.eventsOf(next.id!).includes('fill'));
    expect(updates.eventsOf(next.id!)).toEqual(['new', 'fill']);
  });

  it('delay_trade_updates: updates are held back that many wall milliseconds', async () => {
    await control(t.sim).faults({ kind: 'delay_trade_updates', ms: 400 });
    const sent = Date.now();
    const order = await buy(1);
    expect(order.id).toBeTruthy();
    expect(updates.eventsOf(order.id!)).toEqual([]);
    await waitFor(() => updates.eventsOf(order.id!).includes('fill'), 5000, 'the delayed fill');
    expect(Date.now() - sent).toBeGreaterThanOrEqual(380);
    expect(updates.eventsOf(order.id!)).toEqual(['new', 'fill']);
  });
});

describe('engine faults', () => {
  it('reject_orders: the next count submissions fail with the status and message given', async () => {
    await control(t.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: 'insufficient buying power',
    });
    const e = await buy(1).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(PermissionError);
    expect((e as PermissionError).message).toContain('insufficient buying power');
    await control(t.sim).faults({
      kind: 'reject_orders',
      count: 1,
      status: 500,
      message: 'upstream outage',
    });
    const e500 = await buy(1).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e500).toBeInstanceOf(ApiError);
    expect((e500 as ApiError).status).toBe(500);
    const ok = await buy(1);
    expect(ok.status).toBeTruthy();
  });

  it('partial_fills: the next order fills in that many executions', async () => {
    await control(t.sim).faults({ kind: 'partial_fills', parts: 3 });
    const order = await buy(9);
    await waitFor(() => updates.eventsOf(order.id!).includes('fill'), 5000, 'the final fill');
    expect(updates.eventsOf(order.id!)).toEqual(['new', 'partial_fill', 'partial_fill', 'fill']);
    const executions = updates.updates.filter((u) => u.order.id === order.id && u.event !== 'new');
    expect(executions.reduce((sum, u) => sum + Number(u.qty), 0)).toBe(9);
    expect(executions.map((u) => u.positionQty).at(-1)).toBe('9');
    expect(new Set(executions.map((u) => u.executionId)).size).toBe(3);
  });

  it('refuses malformed fault bodies with 422 and a clear message', async () => {
    await expect(control(t.sim).faults({ kind: 'partial_fills', parts: 1 })).rejects.toThrow(
      'parts must be an integer >= 2',
    );
    await expect(control(t.sim).faults({ kind: 'nope' } as never)).rejects.toThrow(
      'kind must be one of',
    );
  });
});
