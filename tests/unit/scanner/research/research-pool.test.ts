/**
 * Research jobs in worker threads give exactly what they give in-process, in job order; a failing job is
 * reported as failed without stopping the others.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/config/schema.ts';
import { researchEnv } from '../../../../src/scanner/research/work/research-env.ts';
import type { ResearchJob } from '../../../../src/scanner/research/work/research-job.ts';
import { runJobs } from '../../../../src/scanner/research/parallel/research-pool.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const options = scanOptions(DEFAULT_CONFIG);
const env = researchEnv(DEFAULT_CONFIG, 17, options.backtest, options.verdict);
const input = {
  market: plantedMarket({
    seed: 3,
    symbols: 3,
    sessions: 1100,
    edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
  }),
  settings: {
    vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
    marketSymbol: 'SPY',
    sectors: STATIC_SECTORS,
    fundamentals: null,
  },
  shared: new Map<string, unknown>(),
  env,
};
const jobs: ResearchJob[] = [
  {
    kind: 'wfo',
    strategy: 'gap_fill',
    symbol: 'P000',
    optimizer: 'grid',
    checkpoint: null,
    key: 'a',
  },
  {
    kind: 'wfo',
    strategy: 'momentum',
    symbol: 'P001',
    optimizer: 'ga',
    checkpoint: null,
    key: 'b',
  },
  {
    kind: 'wfo',
    strategy: 'gap_fill',
    symbol: 'NOPE',
    optimizer: 'grid',
    checkpoint: null,
    key: 'c',
  },
  { kind: 'study', symbols: ['P000', 'P002'], names: ['gap_fill', 'mean_reversion'], options },
];

describe('research pool', () => {
  it('gives the same outcomes in two worker threads as in-process, in job order', async () => {
    let progress = 0;
    const here = await runJobs(jobs, input, { workers: 0 });
    const threads = await runJobs(jobs, input, { workers: 2, onDone: (d) => (progress = d) });
    expect(progress).toBe(4);
    expect(threads).toEqual(here);
    expect(here.map((o) => o.ok)).toEqual([true, true, false, true]);
    expect(here[2]).toEqual({ ok: false, message: 'no bars for NOPE' });
  });
});
