/**
 * Market-data REST of the simulator through the official SDK: multi-symbol bars with cross-symbol pagination,
 * timeframes, sort, validation, no bars beyond the simulator's now, determinism per seed, latest trades/quotes/bars
 * and snapshots.
 */
import {
  NotFoundError,
  TimeFrameUnit,
  ValidationError,
  timeFrame,
} from '@alpacahq/alpaca-trade-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, sdkFor, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const NOW = '2024-05-02T15:00:00Z';
let t: TestSimulator;
let sdk: ReturnType<typeof sdkFor>;

beforeAll(async () => {
  t = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'SPY', 'KO'], seed: 7 });
  sdk = sdkFor(t.sim);
  await control(t.sim).clock({ to: NOW, quiet: true });
});
afterAll(async () => {
  await t.stop();
});

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
type RawBar = {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  vw: number;
};
const stocks = () => sdk.alpaca.marketData.stocks;

describe('GET /v2/stocks/bars', () => {
  const range = { start: new Date('2024-05-01T13:30:00Z'), end: new Date('2024-05-02T14:00:00Z') };

  it('counts the limit across symbols and pages exactly like one big page', async () => {
    const big = await stocks().stockBars({
      symbols: 'SPY,AAPL,MSFT,NOPE',
      timeframe: '1Min',
      ...range,
      limit: 10_000,
      feed: 'iex',
    });
    expect(Object.keys(big.bars)).toEqual(['AAPL', 'MSFT', 'SPY']);
    expect(big.nextPageToken).toBeNull();
    for (const bars of Object.values(big.bars)) expect(bars).toHaveLength(390 + 31);

    const first = await stocks().stockBars({
      symbols: 'SPY,AAPL,MSFT',
      timeframe: '1Min',
      ...range,
      limit: 400,
    });
    expect(Object.keys(first.bars)).toEqual(['AAPL']);
    expect(first.bars.AAPL).toHaveLength(400);
    expect(typeof first.nextPageToken).toBe('string');
    const second = await stocks().stockBars({
      symbols: 'SPY,AAPL,MSFT',
      timeframe: '1Min',
      ...range,
      limit: 400,
      pageToken: first.nextPageToken ?? '',
    });
    expect(Object.keys(second.bars)).toEqual(['AAPL', 'MSFT']);
    expect(second.bars.AAPL).toHaveLength(21);
    expect((second.bars.AAPL as unknown as RawBar[])[0]).toEqual(
      (big.bars.AAPL as unknown as RawBar[])[400],
    );

    const paged = await sdk.alpaca.marketData.collectStockBarsBySymbol({
      symbols: ['SPY', 'AAPL', 'MSFT'],
      timeframe: timeFrame(1, TimeFrameUnit.Minute),
      ...range,
      limit: 97,
    });
    expect(paged).toEqual(big.bars);
  });

  it('serves bars with RFC-3339 t strings and numbers, in ascending or descending order', async () => {
    const asc = await stocks().stockBars({ symbols: 'KO', timeframe: '1Hour', ...range });
    const bars = asc.bars.KO as unknown as RawBar[];
    // Bars are selected by their start: the 13:00 bar (09:30-10:00 New York) starts before 13:30.
    expect(bars.map((b) => b.t)).toEqual([
      '2024-05-01T14:00:00Z',
      '2024-05-01T15:00:00Z',
      '2024-05-01T16:00:00Z',
      '2024-05-01T17:00:00Z',
      '2024-05-01T18:00:00Z',
      '2024-05-01T19:00:00Z',
      '2024-05-02T13:00:00Z',
      '2024-05-02T14:00:00Z',
    ]);
    for (const b of bars)
      expect([b.o, b.h, b.l, b.c, b.v, b.n, b.vw].every((x) => typeof x === 'number')).toBe(true);
    const desc = await stocks().stockBars({
      symbols: 'KO',
      timeframe: '1H',
      ...range,
      sort: 'desc',
      limit: 3,
    });
    expect((desc.bars.KO as unknown as RawBar[]).map((b) => b.t)).toEqual([
      '2024-05-02T14:00:00Z',
      '2024-05-02T13:00:00Z',
      '2024-05-01T19:00:00Z',
    ]);
    const rest = await stocks().stockBars({
      symbols: 'KO',
      timeframe: '1H',
      ...range,
      sort: 'desc',
      limit: 100,
      pageToken: desc.nextPageToken ?? '',
    });
    expect([...(desc.bars.KO ?? []), ...(rest.bars.KO ?? [])]).toEqual([...bars].reverse());
  });

  it('aggregates timeframes consistently and never serves a bar that is not complete', async () => {
    const days = await stocks().stockBarSingle({
      symbol: 'AAPL',
      timeframe: '1Day',
      start: new Date('2024-04-01T00:00:00Z'),
      end: new Date('2024-06-01T00:00:00Z'),
    });
    expect(days.bars.at(-1)?.t.toISOString()).toBe('2024-05-01T04:00:00.000Z');
    expect(days.bars).toHaveLength(23);
    const fiveMin = await stocks().stockBarSingle({
      symbol: 'AAPL',
      timeframe: '5T',
      start: new Date('2024-05-01T04:00:00Z'),
      end: new Date('2024-05-01T23:00:00Z'),
    });
    expect(fiveMin.bars).toHaveLength(78);
    const day = days.bars.at(-1);
    expect(fiveMin.bars.reduce((s, b) => s + b.v, 0)).toBe(day?.v);
    expect(Math.max(...fiveMin.bars.map((b) => b.h))).toBe(day?.h);
    const weeks = await stocks().stockBarSingle({
      symbol: 'AAPL',
      timeframe: '1Week',
      start: new Date('2024-04-01T00:00:00Z'),
      end: new Date('2024-06-01T00:00:00Z'),
    });
    expect(weeks.bars.map((b) => b.t.toISOString().slice(0, 10))).toEqual([
      '2024-04-01',
      '2024-04-08',
      '2024-04-15',
      '2024-04-22',
    ]);
    const months = await stocks().stockBarSingle({
      symbol: 'AAPL',
      timeframe: '1M',
      start: new Date('2024-01-01T00:00:00Z'),
      end: new Date('2024-06-01T00:00:00Z'),
    });
    expect(months.bars.map((b) => b.t.toISOString().slice(0, 10))).toEqual([
      '2024-01-02',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
    ]);
    const today = await stocks().stockBarSingle({ symbol: 'AAPL', timeframe: '1Min' });
    expect(today.bars[0]?.t.toISOString()).toBe('2024-05-02T13:30:00.000Z');
    expect(today.bars.at(-1)?.t.toISOString()).toBe('2024-05-02T14:59:00.000Z');
  });

  it('rejects bad parameters with 422 and unknown single symbols with 404', async () => {
    const bad = await failure(stocks().stockBars({ symbols: 'AAPL', timeframe: '7Day' }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).message).toContain('invalid timeframe');
    expect((bad as ValidationError).code).toBe(42210000);
    expect(
      await failure(stocks().stockBars({ symbols: 'AAPL', timeframe: '1Min', limit: 10_001 })),
    ).toBeInstanceOf(ValidationError);
    expect(
      await failure(
        stocks().stockBars({ symbols: 'AAPL', timeframe: '1Min', pageToken: 'garbage' }),
      ),
    ).toBeInstanceOf(ValidationError);
    expect(
      await failure(stocks().stockBarSingle({ symbol: 'NOPE', timeframe: '1Min' })),
    ).toBeInstanceOf(NotFoundError);
  });

  it('serves identical bars from two simulators with the same seed, different ones with another seed', async () => {
    const same = await startTestSimulator({ symbols: ['AAPL', 'MSFT', 'SPY', 'KO'], seed: 7 });
    const other = await startTestSimulator({ symbols: ['AAPL'], seed: 8 });
    try {
      await control(same.sim).clock({ to: NOW, quiet: true });
      await control(other.sim).clock({ to: NOW, quiet: true });
      const req = {
        symbols: 'AAPL',
        timeframe: '15Min',
        start: new Date('2024-04-29T13:30:00Z'),
        end: new Date('2024-05-01T20:00:00Z'),
      };
      const mine = await stocks().stockBars(req);
      expect(await sdkFor(same.sim).alpaca.marketData.stocks.stockBars(req)).toEqual(mine);
      expect((await sdkFor(other.sim).alpaca.marketData.stocks.stockBars(req)).bars).not.toEqual(
        mine.bars,
      );
    } finally {
      await same.stop();
      await other.stop();
    }
  });
});

describe('latest trades, quotes, bars and snapshots', () => {
  it('serves the exchange last trade and NBBO, single and multi (unknown symbols omitted)', async () => {
    await control(t.sim).trade({ symbol: 'MSFT', price: 401.25, size: 300 });
    const single = await stocks().stockLatestTradeSingle({ symbol: 'MSFT' });
    expect(single.symbol).toBe('MSFT');
    expect(single.trade).toMatchObject({ p: 401.25, s: 300, x: 'V' });
    expect(single.trade.t.toISOString()).toBe('2024-05-02T15:00:00.000Z');
    const multi = await stocks().stockLatestTrades({ symbols: 'MSFT,AAPL,NOPE' });
    expect(Object.keys(multi.trades).sort()).toEqual(['AAPL', 'MSFT']);
    const quote = await stocks().stockLatestQuoteSingle({ symbol: 'MSFT' });
    expect(quote.quote.bp).toBeLessThan(401.25);
    expect(quote.quote.ap).toBeGreaterThan(401.25);
    expect(
      Object.keys((await stocks().stockLatestQuotes({ symbols: 'MSFT,KO' })).quotes).sort(),
    ).toEqual(['KO', 'MSFT']);
    expect(await failure(stocks().stockLatestTradeSingle({ symbol: 'NOPE' }))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('serves the latest complete minute bar and snapshots with running and previous daily bars', async () => {
    const latest = await stocks().stockLatestBars({ symbols: 'AAPL,SPY' });
    expect(latest.bars.AAPL?.t.toISOString()).toBe('2024-05-02T14:59:00.000Z');
    const snaps = await stocks().stockSnapshots({ symbols: 'AAPL,SPY,NOPE' });
    expect(Object.keys(snaps).sort()).toEqual(['AAPL', 'SPY']);
    const aapl = snaps.AAPL;
    expect(aapl?.minuteBar?.t.toISOString()).toBe('2024-05-02T14:59:00.000Z');
    expect(aapl?.dailyBar?.t.toISOString()).toBe('2024-05-02T04:00:00.000Z');
    expect(aapl?.prevDailyBar?.t.toISOString()).toBe('2024-05-01T04:00:00.000Z');
    expect(aapl?.latestTrade?.p).toBeGreaterThan(0);
    expect(aapl?.latestQuote?.ap).toBeGreaterThan(0);
    const minutes = await stocks().stockBarSingle({ symbol: 'AAPL', timeframe: '1Min' });
    expect(aapl?.dailyBar?.v).toBe(minutes.bars.reduce((s, b) => s + b.v, 0));
    expect(aapl?.dailyBar?.o).toBe(minutes.bars[0]?.o);
    const single = await stocks().stockSnapshotSingle({ symbol: 'SPY' });
    expect(single.symbol).toBe('SPY');
    expect(single.prevDailyBar?.t.toISOString()).toBe('2024-05-01T04:00:00.000Z');
  });
});
