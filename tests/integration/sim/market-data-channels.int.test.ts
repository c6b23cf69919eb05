/**
 * The stream channels beyond trades and quotes, through the official SDK's StockDataStream callbacks: statuses at
 * the open and the close, LULD bands from the prints, the running daily bar after each minute bar, and an updated
 * bar when a late print corrects a minute already sent. Trade ids are the same on the stream and over REST.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
type Stock = ReturnType<ReturnType<typeof sdkFor>['stockStream']>;
type Seen<
  K extends
    | 'onTrade'
    | 'onBar'
    | 'onUpdatedBar'
    | 'onDailyBar'
    | 'onStatus'
    | 'onLuld'
    | 'onCorrection'
    | 'onCancelError',
> = Parameters<Parameters<Stock[K]>[0]>[0];

const seen = {
  trades: [] as Array<Seen<'onTrade'>>,
  bars: [] as Array<Seen<'onBar'>>,
  updated: [] as Array<Seen<'onUpdatedBar'>>,
  daily: [] as Array<Seen<'onDailyBar'>>,
  statuses: [] as Array<Seen<'onStatus'>>,
  lulds: [] as Array<Seen<'onLuld'>>,
  corrections: [] as Array<Seen<'onCorrection'>>,
  cancels: [] as Array<Seen<'onCancelError'>>,
};
let stream: Stock;

/** The statuses stamped at an instant, once there is one per symbol. */
function statusesAt(iso: string): Array<Seen<'onStatus'>> | undefined {
  const at = seen.statuses.filter((s) => s.timestamp.toISOString() === iso);
  return at.length === 2 ? at : undefined;
}

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'JPM'] });
  const sdk = sdkFor(t.sim);
  stream = sdk.stockStream();
  stream.onTrade((x) => seen.trades.push(x));
  stream.onBar((x) => seen.bars.push(x));
  stream.onUpdatedBar((x) => seen.updated.push(x));
  stream.onDailyBar((x) => seen.daily.push(x));
  stream.onStatus((x) => seen.statuses.push(x));
  stream.onLuld((x) => seen.lulds.push(x));
  stream.onCorrection((x) => seen.corrections.push(x));
  stream.onCancelError((x) => seen.cancels.push(x));
  let echoed = false;
  stream.on('subscription', () => (echoed = true));
  const symbols = ['AAPL', 'JPM'];
  stream.subscribeForTrades(symbols);
  stream.subscribeForBars(symbols);
  stream.subscribeForUpdatedBars(symbols);
  stream.subscribeForDailyBars(symbols);
  stream.subscribeForStatuses(symbols);
  stream.subscribeForLulds(symbols);
  stream.connect();
  await waitFor(() => echoed, 5000, 'the subscription');
  await control(t.sim).clock({ to: '2024-05-01T13:33:10Z' });
});
afterAll(async () => {
  stream.disconnect();
  await t.stop();
});

describe('statuses', () => {
  it("say trading at the open and halted at the close, with each tape's codes", async () => {
    const open = await waitFor(
      () => statusesAt('2024-05-01T13:30:00.000Z'),
      5000,
      'a status per symbol at the open',
    );
    expect(open.find((s) => s.symbol === 'AAPL')).toMatchObject({
      statusCode: 'T',
      statusMessage: 'Trading Resumption',
      tape: 'C',
    });
    expect(open.find((s) => s.symbol === 'JPM')).toMatchObject({
      statusCode: '3',
      statusMessage: 'Resume',
      tape: 'A',
    });
  });
});

describe('LULD bands', () => {
  it('start at the first print with doubled bands (10 %) around it', async () => {
    const first = await waitFor(
      () => seen.lulds.find((l) => l.symbol === 'AAPL'),
      5000,
      'the first AAPL band',
    );
    const print = seen.trades.find((x) => x.symbol === 'AAPL');
    expect(print).toBeDefined();
    expect(first.timestamp.getTime()).toBe(print?.timestamp.getTime());
    expect(first.limitUpPrice).toBeCloseTo((print?.price ?? 0) * 1.1, 2);
    expect(first.limitDownPrice).toBeCloseTo((print?.price ?? 0) * 0.9, 2);
    expect(first.indicator).toBe('A');
  });
});

describe('bars', () => {
  it('send the running daily bar after each minute bar', async () => {
    await waitFor(
      () => seen.bars.filter((b) => b.symbol === 'AAPL').length >= 3,
      5000,
      'three AAPL minute bars',
    );
    const minutes = seen.bars.filter((b) => b.symbol === 'AAPL').slice(0, 3);
    const dailies = await waitFor(
      () => {
        const d = seen.daily.filter((b) => b.symbol === 'AAPL');
        return d.length >= 3 ? d : undefined;
      },
      5000,
      'three daily bars',
    );
    expect(dailies[2]?.timestamp.toISOString()).toBe('2024-05-01T04:00:00.000Z');
    expect(dailies[2]?.open).toBe(minutes[0]?.open);
    expect(dailies[2]?.close).toBe(minutes[2]?.close);
    expect(dailies[2]?.volume).toBe(minutes.reduce((s, b) => s + b.volume, 0));
  });

  it('send an updated bar when a late print corrects a minute already sent, and a new daily bar', async () => {
    const before = seen.bars.find(
      (b) => b.symbol === 'AAPL' && b.timestamp.toISOString() === '2024-05-01T13:31:00.000Z',
    );
    expect(before).toBeDefined();
    const res = await control(t.sim).trade({
      symbol: 'AAPL',
      price: 9999,
      size: 7,
      timestamp: '2024-05-01T13:31:30Z',
    });
    expect(res.trade).toMatchObject({ late: true });
    const updated = await waitFor(
      () => seen.updated.find((b) => b.symbol === 'AAPL'),
      5000,
      'the updated bar',
    );
    expect(updated).toMatchObject({
      open: before?.open,
      close: before?.close,
      high: 9999,
      volume: (before?.volume ?? 0) + 7,
      tradeCount: (before?.tradeCount ?? 0) + 1,
    });
    expect(updated.timestamp.toISOString()).toBe('2024-05-01T13:31:00.000Z');
    await waitFor(
      () => seen.daily.some((d) => d.symbol === 'AAPL' && d.high === 9999),
      5000,
      'the corrected daily bar',
    );
    const late = await waitFor(
      () => seen.trades.find((x) => x.price === 9999),
      5000,
      'the late trade',
    );
    expect(late.conditions).toEqual(['@', 'Z']);
  });
});

describe('trade ids', () => {
  it('are the same on the stream, in REST history and as the latest trade', async () => {
    const sdk = sdkFor(t.sim);
    const last = await waitFor(
      () =>
        seen.trades
          .filter((x) => x.symbol === 'JPM' && x.timestamp.toISOString() < '2024-05-01T13:33:00Z')
          .at(-1),
      5000,
      'a JPM trade',
    );
    const history = await sdk.alpaca.marketData.stocks.stockTrades({
      symbols: 'JPM',
      start: new Date('2024-05-01T13:30:00Z'),
      end: new Date('2024-05-01T13:33:00Z'),
      limit: 10_000,
    });
    const ids = (history.trades.JPM ?? []).map((x: { i: number }) => x.i);
    expect(ids).toContain(last.id);
    expect(ids).toEqual(
      seen.trades
        .filter((x) => x.symbol === 'JPM' && x.timestamp.toISOString() < '2024-05-01T13:33:00Z')
        .map((x) => x.id),
    );
    await control(t.sim).trade({ symbol: 'JPM', price: 200.5, size: 3 });
    const injected = await waitFor(
      () => seen.trades.find((x) => x.price === 200.5),
      5000,
      'the injected trade',
    );
    const latest = await sdk.alpaca.marketData.stocks.stockLatestTradeSingle({ symbol: 'JPM' });
    expect(latest.trade.i).toBe(injected.id);
  });
});

describe('cancels and corrections', () => {
  it('reach the trades subscribers, mark the trade with u over REST, and restate the minute bar', async () => {
    const sdk = sdkFor(t.sim);
    const bar = seen.bars.find(
      (b) => b.symbol === 'AAPL' && b.timestamp.toISOString() === '2024-05-01T13:32:00.000Z',
    );
    const prints = seen.trades.filter(
      (x) => x.symbol === 'AAPL' && x.timestamp.toISOString().startsWith('2024-05-01T13:32'),
    );
    const [first, second] = prints;
    if (!bar || !first || !second)
      throw new Error('the 13:32 AAPL bar and prints were not streamed');
    await control(t.sim).fixTrade({ symbol: 'AAPL', cancel: first.id });
    const fixed = await control(t.sim).fixTrade({
      symbol: 'AAPL',
      correct: second.id,
      price: second.price,
      size: second.size + 5,
    });
    const cancel = await waitFor(
      () => seen.cancels.find((x) => x.id === first.id),
      5000,
      'the cancel',
    );
    expect(cancel).toMatchObject({
      symbol: 'AAPL',
      price: first.price,
      size: first.size,
      action: 'C',
    });
    const correction = await waitFor(
      () => seen.corrections.find((x) => x.originalId === second.id),
      5000,
      'the correction',
    );
    expect(correction).toMatchObject({
      symbol: 'AAPL',
      correctedId: fixed.corrected?.id,
      correctedSize: second.size + 5,
    });
    // One restatement per fix: after the cancel, then after the correction.
    const restated = await waitFor(
      () => {
        const r = seen.updated.filter(
          (b) => b.symbol === 'AAPL' && b.timestamp.toISOString() === '2024-05-01T13:32:00.000Z',
        );
        return r.length === 2 ? r : undefined;
      },
      5000,
      'the restated bars',
    );
    expect(restated.map((b) => b.volume)).toEqual([
      bar.volume - first.size,
      bar.volume - first.size + 5,
    ]);
    const history = await sdk.alpaca.marketData.stocks.stockTrades({
      symbols: 'AAPL',
      start: new Date('2024-05-01T13:32:00Z'),
      end: new Date('2024-05-01T13:32:59Z'),
    });
    const updates = (history.trades.AAPL ?? []).map((x: { i: number; u?: string }) => [x.i, x.u]);
    expect(updates).toContainEqual([first.id, 'canceled']);
    expect(updates).toContainEqual([second.id, 'incorrect']);
    expect(updates).toContainEqual([fixed.corrected?.id, 'corrected']);
  });
});

describe('the close', () => {
  it('closes the last minute and says halted', async () => {
    await control(t.sim).clock({ to: '2024-05-01T20:01:00Z', quiet: true });
    const closed = await waitFor(
      () => statusesAt('2024-05-01T20:00:00.000Z'),
      5000,
      'a status per symbol at the close',
    );
    expect(closed.map((s) => s.statusCode).sort()).toEqual(['2', 'H']);
  });
});
