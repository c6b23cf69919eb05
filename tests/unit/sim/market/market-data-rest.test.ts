/** Market-data REST pieces: parameter parsing (timeframes, times, limits, tokens) and the handler's routing. */
import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { handleMarketDataRest } from '../../../../src/sim/server/market-data/market-data-rest.ts';
import {
  DataRequestError,
  decodePageToken,
  encodePageToken,
  parseLimit,
  parseSort,
  parseTime,
  parseTimeframe,
} from '../../../../src/sim/server/market-data/params.ts';

describe('parseTimeframe', () => {
  it('accepts Alpaca timeframes in long and short forms', () => {
    expect(parseTimeframe('1Min')).toEqual({ unit: 'Min', amount: 1 });
    expect(parseTimeframe('59T')).toEqual({ unit: 'Min', amount: 59 });
    expect(parseTimeframe('23Hour')).toEqual({ unit: 'Hour', amount: 23 });
    expect(parseTimeframe('4H')).toEqual({ unit: 'Hour', amount: 4 });
    expect(parseTimeframe('1Day')).toEqual({ unit: 'Day', amount: 1 });
    expect(parseTimeframe('1D')).toEqual({ unit: 'Day', amount: 1 });
    expect(parseTimeframe('1W')).toEqual({ unit: 'Week', amount: 1 });
    expect(parseTimeframe('12Month')).toEqual({ unit: 'Month', amount: 12 });
    expect(parseTimeframe('6M')).toEqual({ unit: 'Month', amount: 6 });
  });

  it('rejects the others with 422 invalid timeframe', () => {
    for (const bad of [
      null,
      '',
      '0Min',
      '60Min',
      '24Hour',
      '2Day',
      '2Week',
      '5Month',
      'Min',
      '1min',
      '1Sec',
    ]) {
      const e = (() => {
        try {
          parseTimeframe(bad);
          return undefined;
        } catch (err) {
          return err;
        }
      })();
      expect(e, String(bad)).toBeInstanceOf(DataRequestError);
      expect(e).toMatchObject({ status: 422, code: 42210000, message: 'invalid timeframe' });
    }
  });
});

describe('other parameters', () => {
  it('reads RFC-3339 with or without fractions and dates (start = New York midnight, end = end of that day)', () => {
    expect(parseTime('start', '2024-05-01T13:30:00Z')).toBe(Date.parse('2024-05-01T13:30:00Z'));
    expect(parseTime('start', '2024-05-01T13:30:00.123456789Z')).toBe(
      Date.parse('2024-05-01T13:30:00.123Z'),
    );
    expect(parseTime('start', '2024-05-01T09:30:00-04:00')).toBe(
      Date.parse('2024-05-01T13:30:00Z'),
    );
    expect(parseTime('start', '2024-05-01')).toBe(Date.parse('2024-05-01T04:00:00Z'));
    expect(parseTime('end', '2024-01-02')).toBe(Date.parse('2024-01-03T05:00:00Z') - 1);
    expect(parseTime('end', null)).toBeUndefined();
    expect(() => parseTime('start', 'yesterday')).toThrow('invalid start');
    expect(() => parseTime('end', '2024-13-45')).toThrow('invalid end');
  });

  it('checks limit and sort', () => {
    expect(parseLimit(null)).toBe(1000);
    expect(parseLimit('10000')).toBe(10000);
    for (const bad of ['0', '10001', '1.5', 'x'])
      expect(() => parseLimit(bad)).toThrow('invalid limit');
    expect(parseSort(null)).toBe('asc');
    expect(parseSort('desc')).toBe('desc');
    expect(() => parseSort('up')).toThrow('invalid sort');
  });

  it('round-trips opaque page tokens and rejects garbage', () => {
    const token = encodePageToken({ symbol: 'AAPL', t: 1714570200000 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toEqual({ symbol: 'AAPL', t: 1714570200000 });
    expect(decodePageToken(null)).toBeUndefined();
    expect(() => decodePageToken('not-a-token')).toThrow('invalid page_token');
  });
});

describe('handleMarketDataRest', () => {
  const market = createSyntheticMarket({ seed: 1, symbols: ['AAPL', 'SPY'] });
  const now = Date.parse('2024-05-01T15:00:00Z');
  const exchange = createExchange({
    market,
    cash: 100_000,
    startTs: now,
    seed: 1,
    spreadBps: 2,
    partialFillRate: 0,
  });
  const call = (method: string, path: string) =>
    handleMarketDataRest(
      { method, url: new URL(path, 'http://sim') },
      { market, exchange, now: () => now },
    );

  it('leaves other paths alone and only answers GET', () => {
    expect(call('GET', '/v2/account')).toBeUndefined();
    expect(call('GET', '/v2/stocks/AAPL/trades/history')).toBeUndefined();
    expect(call('POST', '/v2/stocks/bars?symbols=AAPL&timeframe=1Min')?.status).toBe(405);
  });

  it('defaults start to the beginning of the current New York day and end to now', () => {
    const res = call('GET', '/v2/stocks/bars?symbols=AAPL,spy&timeframe=1Min');
    const body = res?.body as {
      bars: Record<string, Array<{ t: string }>>;
      next_page_token: string | null;
    };
    expect(res?.status).toBe(200);
    expect(Object.keys(body.bars)).toEqual(['AAPL', 'SPY']);
    expect(body.bars.AAPL?.[0]?.t).toBe('2024-05-01T13:30:00Z');
    expect(body.bars.AAPL?.at(-1)?.t).toBe('2024-05-01T14:59:00Z');
    expect(body.next_page_token).toBeNull();
  });

  it('accepts the raw request target as a string', () => {
    expect(
      handleMarketDataRest(
        { method: 'GET', url: '/v2/stocks/AAPL/bars?timeframe=1Day&start=2024-04-01' },
        { market, exchange, now: () => now },
      )?.status,
    ).toBe(200);
  });

  it('answers errors as {code, message}', () => {
    expect(call('GET', '/v2/stocks/bars?timeframe=1Min')).toEqual({
      status: 422,
      body: { code: 42210000, message: 'symbols is required' },
    });
    expect(
      call('GET', '/v2/stocks/bars?symbols=AAPL&timeframe=1Min&start=2024-05-02&end=2024-05-01')
        ?.status,
    ).toBe(422);
    expect(call('GET', '/v2/stocks/ZZZ/snapshot')).toEqual({
      status: 404,
      body: { code: 40410000, message: 'symbol not found: ZZZ' },
    });
  });
});
