/**
 * GP strategy discovery on a seeded market with a planted edge (gaps down of 2.5-4% followed by a drift up):
 * - a small run finds a rule on the gap, and only rules on the gap survive out-of-sample validation;
 * - an island checkpointed after some generations and resumed ends exactly as an uninterrupted run;
 * - a checkpoint of another version is refused with a clear message;
 * - a promoted candidate runs in the scanner and counts only sessions after its in-sample period.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../../src/config/schema.ts';
import { gpData } from '../../../../src/scanner/research/gp/gp-data.ts';
import { gpStrategy } from '../../../../src/scanner/research/gp/gp-strategy.ts';
import { validateCandidates } from '../../../../src/scanner/research/gp/validate-candidates.ts';
import { runGpJob } from '../../../../src/scanner/research/work/gp-job.ts';
import { researchEnv } from '../../../../src/scanner/research/work/research-env.ts';
import { runStrategy } from '../../../../src/scanner/scan/run-strategy.ts';
import { strategyContext } from '../../../../src/scanner/scan/scan-market.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const dir = mkdtempSync(join(tmpdir(), 'strikeline-gp-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const config = (generations: number) =>
  configSchema.parse({
    research: { gp: { population: 30, generations, islands: 1, max_depth: 3 } },
  });
const envFor = (generations: number) => {
  const o = scanOptions(config(generations));
  return researchEnv(config(generations), 17, o.backtest, o.verdict);
};
const market = plantedMarket({
  seed: 5,
  symbols: 8,
  sessions: 1200,
  edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
});
const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};

describe('GP discovery', () => {
  const env = envFor(6);
  const data = gpData(market, env.gp.inSample);
  const island = runGpJob(market, env, { kind: 'gp', island: 0, checkpoint: null, key: 'k' }, data);
  const validated = validateCandidates(island.best, data, env.backtest, env.verdict, {
    seed: 17,
    dataFrom: market.dates[0]!,
    dataTo: market.dates.at(-1)!,
    maxCandidates: 5,
  });

  it('finds the planted edge, and only rules on it survive out of sample', () => {
    const survivors = validated.filter((v) => v.survived).map((v) => v.candidate);
    expect(survivors.length).toBeGreaterThanOrEqual(1);
    for (const c of survivors) expect(c.expression).toMatch(/^gap% < -/);
    expect(survivors[0]!.out_of_sample.p_value).toBeLessThan(0.001);
    expect(survivors[0]!.in_sample_through < survivors[0]!.out_of_sample_from).toBe(true);
    expect(
      validated
        .filter((v) => !v.survived)
        .every((v) => !/gap% < -[12]/.test(v.candidate.expression)),
    ).toBe(true);
  });

  it('resumes an island from its checkpoint to exactly the uninterrupted run', () => {
    const file = join(dir, 'island-0.json');
    const first = runGpJob(
      market,
      envFor(3),
      { kind: 'gp', island: 0, checkpoint: file, key: 'run' },
      data,
    );
    expect(first.generations).toBe(3);
    const resumed = runGpJob(
      market,
      env,
      { kind: 'gp', island: 0, checkpoint: file, key: 'run' },
      data,
    );
    expect(resumed.resumedAt).toBe(3);
    expect(resumed.best).toEqual(island.best);
    // A checkpoint of other settings or data is not resumed: the island starts over.
    expect(
      runGpJob(market, envFor(3), { kind: 'gp', island: 0, checkpoint: file, key: 'other' }, data)
        .resumedAt,
    ).toBeNull();
  });

  it('refuses a checkpoint of another version', () => {
    const file = join(dir, 'old.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'strikeline-gp-checkpoint', version: 99, key: 'run', state: {} }),
    );
    expect(() =>
      runGpJob(market, env, { kind: 'gp', island: 0, checkpoint: file, key: 'run' }, data),
    ).toThrow(
      /checkpoint .*old\.json is strikeline-gp-checkpoint version 99; this strikeline reads strikeline-gp-checkpoint version 1: remove it or run with --fresh/,
    );
  });

  it('runs a promoted candidate in the scanner, counting only sessions after its in-sample period', () => {
    const c = validated.find((v) => v.survived)!.candidate;
    const strategy = gpStrategy({
      id: c.id,
      expression: c.expression,
      rule: c.rule,
      warmup: c.warmup,
      inSampleThrough: c.in_sample_through,
    });
    const series = market.series.get('P000')!;
    const o = runStrategy(
      series,
      strategy,
      strategyContext(market, settings),
      scanOptions(config(6)),
    );
    expect(o.strategy).toBe(c.id);
    expect(o.paramsSource).toBe('fixed');
    expect(o.evidence.oosFrom).toBe(c.out_of_sample_from);
    expect(o.trades!.every((t) => t.entryDate > c.in_sample_through)).toBe(true);
    expect(o.evidence.trades).toBeGreaterThan(0);
  });
});
