import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../../../src/config/schema.ts';
import { packMarket, unpackMarket } from '../../../src/scanner/parallel/shared-market.ts';
import { scanOptions } from '../../../src/scanner/scan-setup.ts';
import { scanInParallel, workerCount } from '../../../src/scanner/parallel/parallel-scan.ts';
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
