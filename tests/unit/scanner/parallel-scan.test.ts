import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../../../src/config/schema.ts';
import { packMarket, unpackMarket } from '../../../src/scanner/parallel/shared-market.ts';
import { scanOptions } from '../../../src/scanner/scan-setup.ts';
import {
  scanInParallel,
  startScanWorkers,
  workerCount,
} from '../../../src/scanner/parallel/parallel-scan.ts';
import { claimed, newClaims } from '../../../src/scanner/parallel/claims.ts';
import { scanMarket } from '../../../src/scanner/scan/scan-market.ts';
import { STATIC_SECTORS } from '../../../src/scanner/strategies/sectors.ts';
import { syntheticUniverse } from '../../../bench/scan/synthetic-universe.ts';

const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};
// What `strikeline scan` runs with the default config: 7.5 bps + $0.005/share, $15,000 a trade, 5 trades minimum.
const options = scanOptions(DEFAULT_CONFIG);

describe('parallel scan', () => {
  const market = syntheticUniverse({
    seed: 3,
    symbols: 100,
    startDate: '2021-01-01',
    endDate: '2023-12-31',
  });

  it('packs a market into shared memory and back unchanged', () => {
    const back = unpackMarket(packMarket(market));
    expect(back.symbols).toEqual(market.symbols);
    for (const [symbol, s] of market.series) expect(back.series.get(symbol)).toEqual(s);
  });

  it('passes a column already in shared memory as it is, and copies any other into shared memory', () => {
    const [symbol, s] = [...market.series][0] ?? [];
    if (symbol === undefined || s === undefined) throw new Error('no series');
    const close = new Float64Array(
      new SharedArrayBuffer(s.close.byteLength + 16),
      16,
      s.close.length,
    );
    close.set(s.close);
    const packed = packMarket({ ...market, series: new Map([[symbol, { ...s, close }]]) });
    const [entry] = packed.series;
    expect(entry?.close.buffer).toBe(close.buffer);
    expect(entry?.close.byteOffset).toBe(16);
    expect(entry?.open.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(entry?.open.buffer).not.toBe(s.open.buffer);
    expect(unpackMarket(packed).series.get(symbol)).toEqual({ ...s, close });
  });

  it('gives the same result in two worker threads as in-process, in universe order', async () => {
    const inProcess = scanMarket(market, STRATEGY_NAMES, settings, options);
    let progress = 0;
    const parallel = await scanInParallel(market, STRATEGY_NAMES, settings, options, {
      workers: 2,
      onTicker: () => (progress += 1),
    });
    expect(progress).toBe(100);
    expect(parallel.tickers.map((t) => t.symbol)).toEqual(market.symbols);
    expect(parallel).toEqual(inProcess);
  });

  it('gives the same result with workers started ahead, more of them than the market needs', async () => {
    const inProcess = scanMarket(market, STRATEGY_NAMES, settings, options);
    const started = startScanWorkers(3);
    try {
      const parallel = await scanInParallel(market, STRATEGY_NAMES, settings, options, {
        workers: 2,
        started,
      });
      expect(parallel).toEqual(inProcess);
    } finally {
      started.close();
    }
  });

  it('deals every symbol to exactly one of the threads claiming them', () => {
    const symbols = Array.from({ length: 50 }, (_, i) => `S${String(i)}`);
    const claims = newClaims();
    const threads = [claimed(symbols, claims), claimed(symbols, claims), claimed(symbols, claims)];
    const got: string[][] = [[], [], []];
    // Interleaved unevenly, as threads of different speeds would claim.
    let live = threads.length;
    while (live > 0) {
      live = 0;
      threads.forEach((t, k) => {
        for (let r = 0; r <= k; r += 1) {
          const next = t.next();
          if (!next.done) {
            got[k]?.push(next.value);
            live += 1;
          }
        }
      });
    }
    expect(got.flat().sort()).toEqual([...symbols].sort());
    expect(got.every((g) => g.length > 0)).toBe(true);
  });

  it('uses one worker per core once each gets 150 symbols, in-process for small universes unless asked', () => {
    expect(workerCount(36, undefined, 2)).toBe(1);
    expect(workerCount(100, undefined, 2)).toBe(1);
    expect(workerCount(300, undefined, 2)).toBe(2);
    expect(workerCount(500, undefined, 2)).toBe(2);
    expect(workerCount(500, undefined, 8)).toBe(3);
    expect(workerCount(5000, undefined, 8)).toBe(8);
  });

  it('takes a requested count as it is (0 and 1 are in-process), never more than one per symbol', () => {
    expect(workerCount(500, 0)).toBe(1);
    expect(workerCount(500, 1)).toBe(1);
    expect(workerCount(100, 2)).toBe(2);
    expect(workerCount(500, 7, 2)).toBe(7);
    expect(workerCount(3, 8)).toBe(3);
  });
});
