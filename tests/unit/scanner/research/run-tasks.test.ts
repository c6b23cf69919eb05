/**
 * Determinism of the whole research: every task run twice from scratch on the same seeded market with the same
 * seed writes byte-identical files; another seed changes what the GA, the GP and the control draw.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../../../src/config/schema.ts';
import type { Logger } from '../../../../src/domain/ports.ts';
import { silentProgress } from '../../../../src/scanner/output/progress.ts';
import { researchPaths } from '../../../../src/scanner/research/io/research-paths.ts';
import { researchEnv } from '../../../../src/scanner/research/work/research-env.ts';
import { RESEARCH_TASKS } from '../../../../src/scanner/research/output/research-summary.ts';
import { runTasks } from '../../../../src/scanner/research/run-tasks.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const temps: Array<() => void> = [];
afterAll(() => {
  for (const c of temps) c();
});

const log: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => log,
};
const config = configSchema.parse({
  research: {
    ga: { population: 8, generations: 2 },
    gp: { population: 12, generations: 2 },
    wfo: { in_sample_days: 500, out_of_sample_days: 250 },
  },
});
const market = plantedMarket({
  seed: 8,
  symbols: 5,
  sessions: 1100,
  edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
});
const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

async function research(seed: number): Promise<{
  files: Map<string, string>;
  summaries: Awaited<ReturnType<typeof runTasks>>['summaries'];
}> {
  const { root, cleanup } = makeTempRoot('strikeline-research-run-');
  temps.push(cleanup);
  const o = scanOptions(config);
  const ran = await runTasks(
    {
      market,
      settings,
      shared: new Map(),
      env: researchEnv(config, seed, o.backtest, o.verdict),
      paths: researchPaths(root),
      names: ['gap_fill', 'momentum', 'mean_reversion', 'factor_momentum'],
      workers: 0,
      fresh: false,
      progress: silentProgress,
      log,
    },
    { config, dataDir: root, tasks: RESEARCH_TASKS, date: market.dates.at(-1)!, clock: () => 0 },
  );
  return { files: files(join(root, 'research')), summaries: ran.summaries };
}

describe('research runs', () => {
  it('write byte-identical files for the same seed and data, and other draws for another seed', async () => {
    const a = await research(17);
    const b = await research(17);
    const c = await research(18);
    expect(
      [...a.files.keys()].filter((f) => !f.startsWith('wfo/') && !f.startsWith('ga/')),
    ).toEqual([
      ...[...a.files.keys()].filter((f) => f.startsWith('candidates/')),
      'checkpoints/gp/island-0.json',
      'checkpoints/gp/island-1.json',
      'regime/model.json',
      `verdicts/${market.dates.at(-1)!}.json`,
    ]);
    expect(a.files.size).toBeGreaterThan(20);
    expect(b.files).toEqual(a.files);
    expect(a.summaries.gp?.saved.length).toBeGreaterThanOrEqual(1);
    const differ = (f: string) => a.files.get(f) !== c.files.get(f);
    expect(differ('checkpoints/gp/island-0.json')).toBe(true);
    expect(differ(`verdicts/${market.dates.at(-1)!}.json`)).toBe(true);
    expect(differ('regime/model.json')).toBe(false);
  });
});
