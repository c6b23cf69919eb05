/**
 * `strikeline research` as cron runs it: the real binary against the simulator through the official SDK. Every
 * task runs and leaves its files under data/research/ and its summary in LMDB; a second run reuses the
 * walk-forward results, resumes the GP islands from their checkpoints, and changes no byte of any file; the
 * next scan applies the walk-forward parameters; `status` and the report show the regime and the summary; a bad
 * --task exits 2 with one clear line.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { readResearchSummary } from '../../../src/scanner/research/output/research-store.ts';
import type { ResearchSummary } from '../../../src/scanner/research/output/research-summary.ts';
import { currentRegime } from '../../../src/scanner/research/regime/current-regime.ts';
import { runCli } from '../../support/run-cli.ts';
import { startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const SYMBOLS = 'AAPL,KO,XOM';
const ARGS = ['research', '--symbols', SYMBOLS, '--asof', '2024-04-30', '--workers', '0', '--json'];
const CONFIG = `research:
  ga: { population: 8, generations: 2 }
  gp: { islands: 2, population: 12, generations: 2, max_candidates: 2 }
  regime: { iterations: 30 }
`;

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

describe('strikeline research against the simulator', { timeout: 240_000 }, () => {
  let sim: TestSimulator;
  let first: ResearchSummary;
  beforeAll(async () => {
    sim = await startTestSimulator({ seed: 42 });
    mkdirSync(join(sim.root, 'config'), { recursive: true });
    writeFileSync(join(sim.root, 'config', 'config.yaml'), CONFIG);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('runs every task, writes data/research/ and the summary in LMDB', async () => {
    const r = await runCli(ARGS, sim.env, 240_000);
    expect(r.stderr).not.toMatch(/strikeline: /);
    expect(r.code).toBe(0);
    first = JSON.parse(r.stdout) as ResearchSummary;
    expect(first.tasks).toEqual(['regime', 'wfo', 'ga', 'gp', 'verdicts']);
    expect(first.date).toBe('2024-04-30');
    expect(first.universe.scanned).toBe(3);
    expect(first.regime?.labels).toEqual(['calm', 'normal', 'stressed']);
    expect(first.wfo).toMatchObject({
      optimizer: 'grid',
      jobs: 21,
      computed: 21,
      reused: 0,
      failed: [],
    });
    expect(first.ga).toMatchObject({
      optimizer: 'ga',
      jobs: 21,
      computed: 21,
      reused: 0,
      failed: [],
    });
    expect(first.gp?.islands.map((i) => [i.island, i.generations, i.resumed_at])).toEqual([
      [0, 2, null],
      [1, 2, null],
    ]);
    expect(first.gp?.validated).toHaveLength(2);
    // 3 tickers x 10 strategies (factor_momentum needs 5 symbols, quality_smallcap_value fundamentals, sector_rotation is off).
    expect(first.verdicts?.tries).toBe(30);
    expect(first.verdicts?.control.tickers.pct).toBeLessThanOrEqual(5);
    const data = join(sim.root, 'data', 'research');
    expect(readdirSync(join(data, 'wfo')).sort()).toEqual([
      'gap_fill',
      'ma_crossover',
      'mean_reversion',
      'momentum',
      'relative_volume_breakout',
      'rsi_mean_reversion',
      'vol_managed_momentum',
    ]);
    expect(readdirSync(join(data, 'checkpoints', 'gp')).sort()).toEqual([
      'island-0.json',
      'island-1.json',
    ]);
    expect(readdirSync(join(data, 'verdicts'))).toEqual(['2024-04-30.json']);
    expect(currentRegime(join(sim.root, 'data'))?.label).toBe(first.regime?.label);
    const store = openStore(join(sim.root, 'state'));
    try {
      const date = '2024-04-30';
      expect(readResearchSummary(store)).toEqual({
        ...first,
        task_dates: { regime: date, wfo: date, ga: date, gp: date, verdicts: date },
      });
    } finally {
      await store.close();
    }
  });

  it('reuses results and resumes from checkpoints on the next run, changing no byte', async () => {
    const before = files(join(sim.root, 'data', 'research'));
    const r = await runCli(ARGS, sim.env, 240_000);
    expect(r.code).toBe(0);
    const again = JSON.parse(r.stdout) as ResearchSummary;
    expect(again.wfo).toMatchObject({ computed: 0, reused: 21 });
    expect(again.ga).toMatchObject({ computed: 0, reused: 21 });
    expect(again.gp?.checkpoints).toEqual({ found: 2, loaded: 2, problems: [] });
    expect(again.gp?.islands.map((i) => i.resumed_at)).toEqual([2, 2]);
    expect({ ...again.gp, checkpoints: null, islands: null }).toEqual({
      ...first.gp,
      checkpoints: null,
      islands: null,
    });
    expect(again.verdicts).toEqual(first.verdicts);
    expect(files(join(sim.root, 'data', 'research'))).toEqual(before);
  });

  it('is read by the next scan: the walk-forward parameters are applied', async () => {
    const r = await runCli(
      ['scan', '--symbols', SYMBOLS, '--asof', '2024-04-30'],
      sim.env,
      120_000,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(
      readFileSync(join(sim.root, 'data', 'scan', '2024-04-30.json'), 'utf8'),
    ) as {
      settings: { research: unknown };
      tickers: Array<{
        results: Array<{ strategy: string; params_source: string; oos_from: string }>;
      }>;
    };
    expect(report.settings.research).toEqual({ params: 'wfo', schedules: 21, promoted: [] });
    const gap = report.tickers[0]!.results.find((x) => x.strategy === 'gap_fill')!;
    expect(gap.params_source).toBe('wfo');
    expect(gap.oos_from > '2017-01-01').toBe(true);
  });

  it('is shown by status and the report: the regime and the summary', async () => {
    const regime = currentRegime(join(sim.root, 'data'));
    expect(regime).not.toBeNull();
    // The daemon is not running here: status exits 1 and still prints the whole report.
    const status = await runCli(['status', '--json'], sim.env);
    const json = JSON.parse(status.stdout) as { regime: { label: string; asOf: string } };
    expect(json.regime).toMatchObject({ label: regime?.label, asOf: regime?.asOf });
    const text = await runCli(['status'], sim.env);
    expect(text.stdout).toMatch(
      new RegExp(
        `regime       ${regime?.label ?? ''} \\(p=\\d\\.\\d\\d\\) at the close of ${regime?.asOf ?? ''}`,
      ),
    );
    const report = await runCli(['report'], sim.env);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`research:\n  regime: ${regime?.label ?? ''} (p=`);
    expect(report.stdout).toMatch(
      / {2}research 2024-04-30 \(seed \d+; regime, wfo, ga, gp, verdicts; 3 tickers\)/,
    );
    expect(report.stdout).toMatch(/ {4}verdicts {4}honest: \d+ of 30 tries PROFITABLE/);
    const html = readFileSync(
      join(
        sim.root,
        'reports',
        `report_${(/report_(\d{4}-\d\d-\d\d)\.html/.exec(report.stdout) ?? [])[1] ?? ''}.html`,
      ),
      'utf8',
    );
    expect(html).toContain('<h2>Research</h2>');
  });

  it('shows a model file of another version as unreadable, with the fix, and still reports', async () => {
    const file = join(sim.root, 'data', 'research', 'regime', 'model.json');
    const good = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, JSON.stringify({ ...(JSON.parse(good) as object), version: 99 }));
      const status = await runCli(['status'], sim.env);
      expect(status.stdout).toMatch(/regime {7}model unreadable: .*version/);
      const report = await runCli(['report'], sim.env);
      expect(report.code).toBe(0);
      expect(report.stdout).toMatch(/regime: model unreadable: .*version/);
    } finally {
      writeFileSync(file, good);
    }
  });

  it('refuses an unknown task with exit 2 and one clear line', async () => {
    const r = await runCli(['research', '--task', 'wfo,astrology'], sim.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /strikeline: --task: unknown astrology; choose all or from regime, wfo, ga, gp, verdicts/,
    );
  });
});
