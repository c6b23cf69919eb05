/**
 * The scan's bar cache against the simulator, through the real adapter and the official SDK (issue 19):
 * - bars are adjusted for splits and dividends, and stored as columns that read back equal;
 * - a scan that adds no bar rewrites no cache file;
 * - after a dividend's ex-date (seed 42: AAPL, ex 2024-05-24) the broker restates the history: the cached copy of
 *   the last bar no longer matches, the symbol is fetched again in full, and the result equals a fetch without cache.
 */
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile, readCache } from '../../../src/scanner/data/bar-cache.ts';
import { fetchDailyBars, type FetchOptions } from '../../../src/scanner/data/fetch-bars.ts';
import { brokerFor } from '../jobs/jobs-support.ts';
import { control, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const SYMBOLS = ['AAPL', 'MSFT'];
const BEFORE = { to: '2024-05-20T13:25:00Z', closedThrough: '2024-05-17' };
const AFTER = { to: '2024-05-28T13:25:00Z', closedThrough: '2024-05-24' };

describe('the columnar bar cache with adjusted history', () => {
  let t: TestSimulator;
  let dir: string;
  beforeAll(async () => {
    t = await startTestSimulator({ symbols: SYMBOLS, start: BEFORE.to });
    dir = mkdtempSync(join(tmpdir(), 'strikeline-bars-'));
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const options = (at: typeof BEFORE, cacheDir: string, useCache = true): FetchOptions => ({
    cacheDir,
    fromDate: '2024-01-02',
    tsEnd: Date.parse(at.to),
    closedThrough: at.closedThrough,
    useCache,
  });

  it('stores the fetched bars as columns and rewrites no file when no bar was added', async () => {
    const first = await fetchDailyBars(brokerFor(t), SYMBOLS, options(BEFORE, dir));
    expect(first.failed.size).toBe(0);
    for (const s of SYMBOLS) {
      expect(first.bars.get(s)?.length).toBeGreaterThan(90);
      expect(readCache(dir, s)?.bars).toEqual(first.bars.get(s));
      expect(readCache(dir, s)?.adjustment).toBe('all');
      utimesSync(cacheFile(dir, s), 0, 0);
    }
    const again = await fetchDailyBars(brokerFor(t), SYMBOLS, options(BEFORE, dir));
    expect(again).toMatchObject({ barsFetched: 0, requests: 1, restated: [] });
    expect(again.bars).toEqual(first.bars);
    for (const s of SYMBOLS) expect(statSync(cacheFile(dir, s)).mtimeMs).toBe(0);
  });

  it('fetches a symbol again in full when the broker restated its history after a dividend', async () => {
    const before = readCache(dir, 'AAPL')?.bars ?? [];
    await control(t.sim).clock({ to: AFTER.to, quiet: true });
    const next = await fetchDailyBars(brokerFor(t), SYMBOLS, options(AFTER, dir));
    expect(next.restated).toContain('AAPL');
    const fresh = await fetchDailyBars(
      brokerFor(t),
      SYMBOLS,
      options(AFTER, join(dir, 'fresh'), false),
    );
    expect(next.bars).toEqual(fresh.bars);
    const aapl = next.bars.get('AAPL') ?? [];
    expect(aapl[0]?.ts).toBe(before[0]?.ts);
    expect(aapl[0]?.close).toBeLessThan(before[0]?.close ?? 0);
    expect(readCache(dir, 'AAPL')?.bars).toEqual(aapl);
  });
});
