/**
 * @module The research benchmark: `strikeline research`'s tasks (regime, wfo, ga, gp, verdicts) with the default
 * config over the default universe's size (36 tickers x 10 years of the simulator's seeded synthetic market,
 * plus SPY and VIXY), once in-process and once in 2 worker threads, from empty result folders (nothing reused,
 * nothing resumed). Prints each task's wall time, the CPU time, and checks both runs wrote the same bytes.
 * `npm run bench -- research`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../src/config/schema.ts';
import type { Logger } from '../src/domain/ports.ts';
import { researchPaths } from '../src/scanner/research/io/research-paths.ts';
import { researchEnv } from '../src/scanner/research/work/research-env.ts';
import { RESEARCH_TASKS } from '../src/scanner/research/output/research-summary.ts';
import { runTasks } from '../src/scanner/research/run-tasks.ts';
import { silentProgress } from '../src/scanner/output/progress.ts';
import { scanOptions } from '../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../src/scanner/strategies/sectors.ts';
import { syntheticUniverse } from './scan/synthetic-universe.ts';

const silentLog: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silentLog,
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

async function once(workers: number): Promise<{ line: string; files: Map<string, string> }> {
  const market = syntheticUniverse({
    seed: 42,
    symbols: 36,
    startDate: '2014-05-01',
    endDate: '2024-04-30',
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'strikeline-research-bench-'));
  try {
    const o = scanOptions(DEFAULT_CONFIG);
    const settings = {
      vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
      marketSymbol: 'SPY',
      sectors: STATIC_SECTORS,
      fundamentals: null,
    };
    const names = STRATEGY_NAMES.filter((n) => DEFAULT_CONFIG.strategies[n].enabled);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ran = await runTasks(
      {
        market,
        settings,
        shared: new Map(),
        env: researchEnv(DEFAULT_CONFIG, 17, o.backtest, o.verdict),
        paths: researchPaths(dataDir),
        names,
        workers,
        fresh: true,
        progress: silentProgress,
        log: silentLog,
      },
      {
        config: DEFAULT_CONFIG,
        dataDir,
        tasks: RESEARCH_TASKS,
        date: market.dates[market.dates.length - 1] ?? '',
        clock: () => performance.now(),
      },
    );
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const tasks = Object.entries(ran.timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ');
    const v = ran.summaries.verdicts;
    return {
      line: `  ${workers <= 1 ? 'in-process' : `${workers} worker threads`}: wall ${(wall / 1000).toFixed(1)} s (${tasks}); CPU (all threads) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; honest PROFITABLE ${v?.honest.tries.count ?? '?'} of ${v?.tries ?? '?'} tries, old rule ${v?.lax.tries.count ?? '?'}, control ${v?.control.tickers.count ?? '?'} tickers`,
      files: files(join(dataDir, 'research')),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<string> {
  const here = await once(0);
  const threads = await once(2);
  const same = JSON.stringify([...here.files]) === JSON.stringify([...threads.files]);
  return [
    `machine: ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (a loaded machine slows every number below)`,
    'research, every task, default config, 36 synthetic tickers x 10 years, from scratch:',
    here.line,
    threads.line,
    `  ${here.files.size} files written; in-process and 2 workers byte-identical: ${same ? 'yes' : 'NO'}`,
  ].join('\n');
}
