/**
 * The Broker port's account history (listFills, getPortfolioHistory) through the Alpaca adapter and the official
 * SDK against the simulator: FILL activities with every page followed, and the equity curve across a dividend
 * and a split of the seeded market (AAPL pays 2024-06-10, META splits 4-for-1 on 2024-08-16).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlpaca, type AlpacaAdapters } from '../../../src/adapters/alpaca/create-alpaca.ts';
import { qty } from '../../../src/domain/money.ts';
import { silentLogger } from '../../../src/domain/silent-logger.ts';
import {
  control,
  startTestSimulator,
  TEST_KEY,
  TEST_SECRET,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
let alpaca: AlpacaAdapters;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'META', 'KO'], start: '2024-05-20T13:25:00Z' });
  const u = t.sim.urls;
  alpaca = createAlpaca({
    keyId: TEST_KEY,
    secretKey: TEST_SECRET,
    endpoint: u.rest,
    dataEndpoint: u.rest,
    streamUrl: u.tradingStream,
    dataStreamUrl: u.dataStream,
    log: silentLogger,
  });
  await control(t.sim).clock({ to: '2024-05-20T13:31:00Z' });
  const buy = async (symbol: string, n: number, clientOrderId: string): Promise<string> =>
    (
      await alpaca.broker.submitOrder({
        kind: 'SubmitOrder',
        clientOrderId,
        symbol,
        side: 'buy',
        type: 'market',
        timeInForce: 'day',
        qty: qty(n),
        reason: 'test',
      })
    ).id;
  ids.aapl = await buy('AAPL', 10, 'history-aapl');
  ids.meta = await buy('META', 1, 'history-meta');
  // 101 executions of one order: more than one page of activities (Alpaca's pages hold 100).
  await control(t.sim).faults({ kind: 'partial_fills', parts: 101 });
  ids.ko = await buy('KO', 101, 'history-ko');
  await control(t.sim).clock({ to: '2024-08-20T15:00:00Z', quiet: true });
});
afterAll(async () => {
  await t.stop();
});

describe('listFills', () => {
  it("returns every fill oldest first, all pages followed, with the order's progress at each", async () => {
    const fills = await alpaca.broker.listFills({});
    expect(fills).toHaveLength(103);
    expect(fills.slice(0, 2)).toEqual([
      expect.objectContaining({
        kind: 'FillReport',
        orderId: ids.aapl,
        symbol: 'AAPL',
        side: 'buy',
        qty: 10,
        cumQty: 10,
        leavesQty: 0,
        orderStatus: 'filled',
        partial: false,
        tsTransaction: Date.parse('2024-05-20T13:31:00Z'),
      }),
      expect.objectContaining({ orderId: ids.meta, symbol: 'META', qty: 1 }),
    ]);
    const ko = fills.filter((f) => f.orderId === ids.ko);
    expect(ko).toHaveLength(101);
    expect(ko.map((f) => f.cumQty)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    expect(ko.slice(0, -1).every((f) => f.partial && f.orderStatus === 'partially_filled')).toBe(
      true,
    );
    expect(ko.at(-1)).toMatchObject({ partial: false, orderStatus: 'filled', leavesQty: 0 });
    expect(new Set(fills.map((f) => f.id)).size).toBe(103);
    expect(fills.every((f) => f.price > 0)).toBe(true);
  });

  it('keeps to the time range', async () => {
    expect(await alpaca.broker.listFills({ after: Date.parse('2024-05-20T13:31:00Z') })).toEqual(
      [],
    );
    expect(await alpaca.broker.listFills({ until: Date.parse('2024-05-20T13:31:00Z') })).toEqual(
      [],
    );
  });
});

describe('getPortfolioHistory', () => {
  it('gives the daily equity curve, its base, and no jump on the split', async () => {
    const history = await alpaca.broker.getPortfolioHistory({ timeframe: '1D', period: '3M' });
    expect(history).toMatchObject({ kind: 'PortfolioHistoryReport', timeframe: '1D' });
    expect(history.points.length).toBe(63);
    // The last point is today's, still running: the equity now.
    expect(history.points.at(-1)?.ts).toBe(Date.parse('2024-08-20T04:00:00Z'));
    expect(history.points.at(-1)?.equity).toBeCloseTo((await alpaca.broker.getAccount()).equity, 1);
    const split = history.points.findIndex((p) => p.ts === Date.parse('2024-08-16T04:00:00Z'));
    const before = history.points[split - 1];
    const on = history.points[split];
    expect(Math.abs((on?.equity ?? 0) / (before?.equity ?? 1) - 1)).toBeLessThan(0.05);
    for (const p of history.points)
      expect(p.profitLoss).toBeCloseTo(p.equity - history.baseValue, 1);
  });

  it("ends the intraday curve at the account's equity now", async () => {
    const history = await alpaca.broker.getPortfolioHistory({ timeframe: '15Min', period: '1D' });
    expect(history.points.map((p) => new Date(p.ts).toISOString().slice(11, 16))).toEqual([
      '13:30',
      '13:45',
      '14:00',
      '14:15',
      '14:30',
      '14:45',
      '15:00',
    ]);
    const account = await alpaca.broker.getAccount();
    expect(history.points.at(-1)?.equity).toBeCloseTo(account.equity, 1);
  });
});
