import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../src/domain/account.ts';
import {
  cacheFile,
  readCache,
  readCacheColumns,
  writeCache,
} from '../../../src/scanner/data/bar-cache.ts';
import { readFundamentals } from '../../../src/scanner/data/fundamentals.ts';
import { recordScanRejections } from '../../../src/scanner/data/scan-rejections.ts';
import { isTicker, tickerFileStem } from '../../../src/scanner/data/ticker.ts';
import {
  DEFAULT_UNIVERSE,
  staticUniverse,
  universeFromCsv,
  universeFromList,
} from '../../../src/scanner/data/scan-universe.ts';
import { validateBars } from '../../../src/scanner/data/validate-bars.ts';
import { barsOf, flat, weekdays } from './fixtures.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'strikeline-scan-data-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Weekday sessions closing at 16:00 New York (21:00 UTC in January). */
const sessions = (n: number): CalendarDay[] =>
  weekdays(n).map((date) => ({
    date,
    tsOpen: Date.parse(`${date}T14:30:00Z`),
    tsClose: Date.parse(`${date}T21:00:00Z`),
  }));

describe('tickers and cache file names', () => {
  it('accepts upper-case tickers with digits and dots only', () => {
    expect(['AAPL', 'BRK.B', 'T', 'A1'].every(isTicker)).toBe(true);
    expect(['aapl', '../x', 'A/B', '', 'TOOLONGTICKER', '1AB', 'A B'].some(isTicker)).toBe(false);
  });

  it('names a cache file by the hex of the ticker, never the ticker itself', () => {
    expect(tickerFileStem('AAPL')).toBe('4141504c');
    expect(cacheFile('/c', 'BRK.B')).toBe('/c/42524b2e42.bars');
    expect(() => tickerFileStem('../etc')).toThrow(/not a ticker/);
  });

  it('round-trips bars through the columnar cache and distrusts a corrupt, truncated or foreign file', () => {
    const dir = tempDir();
    const bars = barsOf([
      flat(100),
      [100, 102, 99, 101, 5e5],
      [101.25, 103.5, 100.125, 102.75, 1234567],
    ]);
    writeFileSync(
      join(dir, `${tickerFileStem('AAPL')}.json`),
      '{"symbol":"AAPL","from":"2024-01-01","bars":[]}',
    );
    writeCache(dir, { symbol: 'AAPL', from: '2024-01-01', adjustment: 'all', bars });
    expect(readCache(dir, 'AAPL')).toEqual({
      symbol: 'AAPL',
      from: '2024-01-01',
      adjustment: 'all',
      bars,
    });
    expect(existsSync(join(dir, `${tickerFileStem('AAPL')}.json`))).toBe(false);
    writeCache(dir, { symbol: 'EMPTY', from: '2024-01-01', adjustment: 'raw', bars: [] });
    expect(readCache(dir, 'EMPTY')?.bars).toEqual([]);
    const whole = readFileSync(cacheFile(dir, 'AAPL'));
    writeFileSync(cacheFile(dir, 'MSFT'), whole);
    expect(readCache(dir, 'MSFT')).toBeUndefined();
    writeFileSync(cacheFile(dir, 'AAPL'), whole.subarray(0, whole.length - 8));
    expect(readCache(dir, 'AAPL')).toBeUndefined();
    writeCache(dir, {
      symbol: 'NAN',
      from: '2024-01-01',
      adjustment: 'all',
      bars: barsOf([flat(100), [100, 102, 99, Number.NaN, 5e5]]),
    });
    expect(readCache(dir, 'NAN')).toBeUndefined();
    writeCache(dir, {
      symbol: 'INF',
      from: '2024-01-01',
      adjustment: 'all',
      bars: barsOf([[100, Infinity, 99, 101, 5e5]]),
    });
    expect(readCache(dir, 'INF')).toBeUndefined();
    writeFileSync(cacheFile(dir, 'KO'), '{"symbol":"KO","from":"2024-01-01","bars":[[1,2]]}');
    expect(readCache(dir, 'KO')).toBeUndefined();
    expect(readCache(dir, 'PEP')).toBeUndefined();
  });
});

describe('the cache read for a parallel scan', () => {
  it('gives columns in shared memory, so the workers get them without a copy', () => {
    const dir = tempDir();
    const bars = barsOf(Array.from({ length: 30 }, (_, i) => flat(100 + i)));
    writeCache(dir, { symbol: 'AAPL', from: '2024-01-01', adjustment: 'all', bars });
    const cached = readCacheColumns(dir, 'AAPL');
    expect(cached?.columns.close.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(cached?.columns.open.buffer).toBe(cached?.columns.close.buffer);
    expect(Array.from(cached?.columns.close ?? [])).toEqual(bars.map((b) => b.close));
  });
});

describe('validator', () => {
  const cal = sessions(10);
  const ctx = { sessions: cal, staleAfterHours: 24 };

  it('accepts complete, fresh bars', () => {
    expect(validateBars(barsOf(Array.from({ length: 10 }, () => flat(100))), ctx)).toEqual({
      ok: true,
    });
  });

  it('rejects a ticker without bars, with a missing session, or with a malformed bar', () => {
    expect(validateBars([], ctx)).toEqual({ ok: false, reason: 'no daily bars' });
    const gap = barsOf(Array.from({ length: 10 }, () => flat(100))).filter((_, i) => i !== 4);
    expect(validateBars(gap, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^incomplete: 1 session\(s\) missing before 2024-01-08/,
      ) as unknown,
    });
    const bad = barsOf([...Array.from({ length: 9 }, () => flat(100)), [100, 99, 98, 100]]);
    expect(validateBars(bad, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/bad bar on 2024-01-12: high\/low/) as unknown,
    });
  });

  it('rejects stale data: the last bar closed more than 24 h before the last session close', () => {
    const two = barsOf(Array.from({ length: 8 }, () => flat(100)));
    expect(validateBars(two, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^stale: last bar 2024-01-10/) as unknown,
    });
    const oneBehind = barsOf(Array.from({ length: 9 }, () => flat(100)));
    expect(validateBars(oneBehind, ctx)).toEqual({ ok: true });
    expect(validateBars(oneBehind, { ...ctx, staleAfterHours: 12 })).toMatchObject({ ok: false });
  });

  it('rejects a bar on a day that is not a session', () => {
    const weekend = [
      {
        ts: Date.parse('2024-01-06T05:00:00Z'),
        open: 100,
        high: 100,
        low: 100,
        close: 100,
        volume: 1,
      },
    ];
    expect(validateBars(weekend, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a trading session/) as unknown,
    });
  });
});

describe('universe', () => {
  it("has the seed's 36 default symbols", () => {
    expect(DEFAULT_UNIVERSE).toHaveLength(36);
    expect(staticUniverse().symbols).toEqual(DEFAULT_UNIVERSE);
  });

  it('parses --symbols and refuses non-tickers', () => {
    const u = universeFromList('aapl, MSFT ../x,MSFT');
    expect(u.symbols).toEqual(['AAPL', 'MSFT']);
    expect(u.invalid.map((i) => i.ticker)).toEqual(['../X']);
  });

  it('reads universe.csv with an optional sector column, and explains a missing file or header', () => {
    const dir = tempDir();
    const file = join(dir, 'universe.csv');
    writeFileSync(
      file,
      'symbol,sector\nAAPL,Information Technology\n# comment\nKO,Consumer Staples\nbad sym,x\n',
    );
    const u = universeFromCsv(file);
    expect(u.symbols).toEqual(['AAPL', 'KO']);
    expect(u.sectors.get('KO')).toBe('consumer_staples');
    expect(u.invalid).toHaveLength(1);
    writeFileSync(file, 'ticker\nAAPL\n');
    expect(() => universeFromCsv(file)).toThrow(/header with a "symbol" column/);
    expect(() => universeFromCsv(join(dir, 'none.csv'))).toThrow(/not found/);
  });
});

describe('fundamentals and rejected tickers', () => {
  it('reads fundamentals.csv, skipping bad rows with a reason; null when absent', () => {
    const dir = tempDir();
    const file = join(dir, 'fundamentals.csv');
    expect(readFundamentals(file)).toBeNull();
    writeFileSync(
      file,
      'symbol,market_cap,pe,roe,debt_to_equity\nko,1.5e9,12,0.2,0.5\nXX,abc,1,1,1\nPEP,,1,1,1\n',
    );
    const f = readFundamentals(file);
    expect(f?.rows.get('KO')).toEqual({
      symbol: 'KO',
      marketCap: 1.5e9,
      pe: 12,
      roe: 0.2,
      debtToEquity: 0.5,
    });
    expect(f?.rows.size).toBe(1);
    expect(f?.problems).toHaveLength(2);
  });

  it('appends JSONL rejections to a file named by date, with the ticker as data only', () => {
    const dir = tempDir();
    recordScanRejections(dir, '2024-04-30', [
      { ticker: '../X', reason: 'not a ticker' },
      { ticker: 'ZZZZ', reason: 'no daily bars' },
    ]);
    expect(readdirSync(dir)).toEqual(['rejected_2024-04-30.jsonl']);
    const lines = readFileSync(join(dir, 'rejected_2024-04-30.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { date: '2024-04-30', ticker: '../X', stage: 'scan', reason: 'not a ticker' },
      { date: '2024-04-30', ticker: 'ZZZZ', stage: 'scan', reason: 'no daily bars' },
    ]);
    expect(existsSync(join(dir, '..', 'X'))).toBe(false);
  });
});
