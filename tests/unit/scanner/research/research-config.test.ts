/**
 * Every `research:` key in config is honoured: each test changes one key and sees what it drives change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../../../src/config/schema.ts';
import { gaFinish, gaInit, gaStep } from '../../../../src/scanner/research/ga/genetic-algorithm.ts';
import { gaOptions } from '../../../../src/scanner/research/ga/ga-options.ts';
import { gpData } from '../../../../src/scanner/research/gp/gp-data.ts';
import { gpFitness } from '../../../../src/scanner/research/gp/gp-fitness.ts';
import { gpEvolve, gpInit } from '../../../../src/scanner/research/gp/gp-island.ts';
import { gpOptions } from '../../../../src/scanner/research/gp/gp-options.ts';
import { ruleDepth, type Rule } from '../../../../src/scanner/research/gp/rule.ts';
import { validateCandidates } from '../../../../src/scanner/research/gp/validate-candidates.ts';
import { writeJsonFile } from '../../../../src/scanner/research/io/json-file.ts';
import { researchPaths } from '../../../../src/scanner/research/io/research-paths.ts';
import { runGpJob } from '../../../../src/scanner/research/work/gp-job.ts';
import { researchEnv } from '../../../../src/scanner/research/work/research-env.ts';
import { runWfoJob } from '../../../../src/scanner/research/work/wfo-job.ts';
import { trainRegime } from '../../../../src/scanner/research/regime/train-regime.ts';
import { scanResearch } from '../../../../src/scanner/research/scan-research.ts';
import { studyMarket } from '../../../../src/scanner/research/verdicts/study-market.ts';
import { strategyContext } from '../../../../src/scanner/scan/scan-market.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const dir = mkdtempSync(join(tmpdir(), 'strikeline-research-config-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cfg = (research: Record<string, unknown> = {}): Config => configSchema.parse({ research });
const envOf = (c: Config) => {
  const o = scanOptions(c);
  return researchEnv(c, c.research.seed, o.backtest, o.verdict);
};
const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};
const market = plantedMarket({
  seed: 5,
  symbols: 4,
  sessions: 1100,
  edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
});
const ctx = strategyContext(market, settings);
const wfo = (c: Config, optimizer: 'grid' | 'ga' = 'grid') =>
  runWfoJob(market, ctx, envOf(c), {
    kind: 'wfo',
    strategy: 'gap_fill',
    symbol: 'P000',
    optimizer,
    checkpoint: null,
    key: 'k',
  });
const genomeFitness = (p: Record<string, number>) =>
  -Object.values(p).reduce((a, v) => a + (v - 2) ** 2, 0);
const specs = [
  { name: 'x', min: 0, max: 9, step: 1, default: 0 },
  { name: 'y', min: 0, max: 9, step: 1, default: 0 },
];
const rng = [1, 2, 3, 4] as const;

describe('research config keys', () => {
  it('research.seed drives the GA and the random-entry control', () => {
    const ga = (seed: number) =>
      runWfoJob(market, ctx, envOf(cfg({ seed })), {
        kind: 'wfo',
        strategy: 'ma_crossover',
        symbol: 'P000',
        optimizer: 'ga',
        checkpoint: null,
        key: 'k',
      }).evaluations;
    expect(ga(1)).not.toBe(ga(2));
    const control = (seed: number) =>
      studyMarket(market, ['gap_fill'], settings, scanOptions(cfg()), envOf(cfg({ seed })).seed, [
        'P000',
      ])[0]!.control;
    expect(control(1)).not.toEqual(control(2));
    expect(control(1)).toEqual(control(1));
  });

  it('research.wfo.in_sample_days and out_of_sample_days set the windows', () => {
    expect(wfo(cfg()).folds).toHaveLength(2);
    expect(wfo(cfg({ wfo: { in_sample_days: 500, out_of_sample_days: 200 } })).folds).toHaveLength(
      3,
    );
    expect(wfo(cfg({ wfo: { in_sample_days: 500, out_of_sample_days: 100 } })).folds).toHaveLength(
      6,
    );
  });

  it('research.wfo.min_in_sample_trades: without enough in-sample trades the defaults are kept', () => {
    expect(wfo(cfg({ wfo: { min_in_sample_trades: 5 } })).folds[0]!.qualified).toBe(true);
    expect(wfo(cfg({ wfo: { min_in_sample_trades: 500 } })).folds[0]).toMatchObject({
      qualified: false,
      in_sample_fitness: null,
      params: { gap_pct: 2 },
    });
  });

  it('research.ga.population, generations and mutation_pct', () => {
    const o = gaOptions(cfg({ ga: { population: 10, generations: 3, mutation_pct: 40 } }));
    const s = gaInit(specs, o, [...rng], genomeFitness);
    expect(s.population).toHaveLength(10);
    expect(s.rate).toBe(0.4);
    expect(gaFinish(specs, o, s, genomeFitness).state.generation).toBe(3);
  });

  it('research.ga.crossover_pct: without crossover (and next to no mutation) children are copies of parents', () => {
    const copies = (crossover: number) => {
      const o = gaOptions(
        cfg({ ga: { population: 30, crossover_pct: crossover, mutation_pct: 0.001 } }),
      );
      const s = gaInit(specs, o, [...rng], genomeFitness);
      const parents = new Set(s.population.map((g) => g.join(',')));
      return gaStep(specs, o, s, genomeFitness).population.every((g) => parents.has(g.join(',')));
    };
    expect(copies(0)).toBe(true);
    expect(copies(100)).toBe(false);
  });

  it('research.ga.elite and tournament', () => {
    const next = (elite: number, tournament: number) => {
      const o = gaOptions(
        cfg({ ga: { population: 30, elite, tournament, crossover_pct: 0, mutation_pct: 0.001 } }),
      );
      const s = gaInit(specs, o, [...rng], genomeFitness);
      return { s, n: gaStep(specs, o, s, genomeFitness) };
    };
    const { s, n } = next(3, 2);
    const top = s.population
      .map((g, i) => ({ g, f: s.fitness[i]! }))
      .sort((a, b) => b.f - a.f)
      .slice(0, 3)
      .map((x) => x.f);
    expect(n.fitness.slice(0, 3)).toEqual(top);
    const best = (t: number) =>
      next(0, t).n.fitness.filter((f) => f === Math.max(...next(0, t).s.fitness)).length;
    expect(best(30)).toBeGreaterThan(best(2));
  });

  const gpMarket = plantedMarket({
    seed: 5,
    symbols: 4,
    sessions: 900,
    edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
  });
  const data = gpData(gpMarket, 0.7);
  const fitnessOf = (c: Config) => (r: Rule) =>
    gpFitness(r, data, envOf(c).backtest, 20, gpOptions(c).parsimony);

  it('research.gp.population, generations and max_depth', () => {
    const o = gpOptions(cfg({ gp: { population: 12, generations: 2, max_depth: 1 } }));
    const s = gpInit(o, data.thresholds, [...rng], fitnessOf(cfg()));
    expect(s.population).toHaveLength(12);
    expect(s.population.every((r) => ruleDepth(r) === 1)).toBe(true);
    expect(gpEvolve(o, data.thresholds, s, fitnessOf(cfg())).generation).toBe(2);
    const deep = gpInit(
      gpOptions(cfg({ gp: { population: 12, max_depth: 4 } })),
      data.thresholds,
      [...rng],
      fitnessOf(cfg()),
    );
    expect(Math.max(...deep.population.map(ruleDepth))).toBe(4);
  });

  it('research.gp.parsimony: fitness lost per node', () => {
    const rule: Rule = {
      op: 'and',
      a: { op: 'cmp', f: 'gap', p: 1, rel: 'lt', v: -2 },
      b: { op: 'cmp', f: 'rsi', p: 14, rel: 'lt', v: 90 },
    };
    expect(
      fitnessOf(cfg({ gp: { parsimony: 0 } }))(rule) -
        fitnessOf(cfg({ gp: { parsimony: 0.5 } }))(rule),
    ).toBeCloseTo(1.5, 9);
  });

  it('research.gp.in_sample_pct splits the history', () => {
    expect(gpData(gpMarket, gpOptions(cfg({ gp: { in_sample_pct: 50 } })).inSample).splitDate).toBe(
      gpMarket.dates[450],
    );
    expect(gpData(gpMarket, gpOptions(cfg({ gp: { in_sample_pct: 80 } })).inSample).splitDate).toBe(
      gpMarket.dates[720],
    );
  });

  it('research.gp.islands and max_candidates', () => {
    const env = envOf(cfg({ gp: { population: 12, generations: 1 } }));
    const islands = [0, 1].map((island) =>
      runGpJob(gpMarket, env, { kind: 'gp', island, checkpoint: null, key: 'k' }, data),
    );
    expect(islands[0]!.best).not.toEqual(islands[1]!.best);
    expect(gpOptions(cfg({ gp: { islands: 3 } })).islands).toBe(3);
    const validate = (max: number) =>
      validateCandidates(
        islands.flatMap((i) => i.best),
        data,
        env.backtest,
        env.verdict,
        {
          seed: 17,
          dataFrom: '',
          dataTo: '',
          maxCandidates: gpOptions(cfg({ gp: { max_candidates: max } })).maxCandidates,
        },
      );
    expect(validate(1)).toHaveLength(1);
    expect(validate(3)).toHaveLength(3);
  });

  it('research.regime.states, iterations and train_years', () => {
    const train = (regime: Record<string, number>) => {
      const r = cfg({ regime }).research.regime;
      return trainRegime(gpMarket, settings, {
        states: r.states,
        iterations: r.iterations,
        trainYears: r.train_years,
      });
    };
    expect(train({ states: 2 }).labels).toEqual(['calm', 'stressed']);
    expect(train({ states: 4 }).labels).toHaveLength(4);
    expect(train({ iterations: 1 }).trained.iterations).toBe(1);
    expect(train({ train_years: 2 }).trained.observations).toBe(504);
  });

  it('research.scan_params and research.promoted choose what the scanner reads', () => {
    const data = join(dir, 'data');
    const paths = researchPaths(data);
    const result = wfo(cfg({ wfo: { in_sample_days: 500, out_of_sample_days: 200 } }));
    writeJsonFile(paths.resultFile('grid', 'gap_fill', 'P000'), result);
    const env = envOf(cfg({ gp: { population: 12, generations: 1 } }));
    const island = runGpJob(
      gpMarket,
      env,
      { kind: 'gp', island: 0, checkpoint: null, key: 'k' },
      gpData(gpMarket, 0.7),
    );
    const [candidate] = validateCandidates(
      island.best,
      gpData(gpMarket, 0.7),
      env.backtest,
      env.verdict,
      { seed: 17, dataFrom: '', dataTo: '', maxCandidates: 1 },
    );
    writeJsonFile(paths.candidateFile(candidate!.candidate.id), candidate!.candidate);
    const read = (research: Record<string, unknown>) =>
      scanResearch(cfg(research), data, ['gap_fill', 'momentum'], ['P000', 'P001']);
    expect(read({ scan_params: 'wfo' }).schedules.size).toBe(1);
    expect(read({ scan_params: 'default' }).schedules.size).toBe(0);
    expect(read({ scan_params: 'ga' }).schedules.size).toBe(0);
    expect(read({}).candidates).toEqual([]);
    expect(read({ promoted: [candidate!.candidate.id] }).candidates.map((c) => c.id)).toEqual([
      candidate!.candidate.id,
    ]);
    expect(read({ promoted: ['gp_000000000000'] }).notes[0]).toMatch(
      /promoted gp_000000000000 skipped: research.promoted names gp_000000000000, but .* does not exist/,
    );
  });
});
