/**
 * @module One GP island as a job: evolve from its checkpoint (or from scratch), checkpointing every generation,
 * and return its best distinct rules with their in-sample fitness.
 */
import type { MarketData } from '../../market-data.ts';
import { gpData, type GpData } from '../gp/gp-data.ts';
import { gpFitness } from '../gp/gp-fitness.ts';
import { gpEvolve, gpInit, ranking, type GpState } from '../gp/gp-island.ts';
import { ruleText, type Rule } from '../gp/rule.ts';
import { hashSeed } from '../random/rng.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-file.ts';
import type { ResearchEnv } from './research-env.ts';

export const GP_CHECKPOINT_FORMAT = 'strikeline-gp-checkpoint';
export const GP_CHECKPOINT_VERSION = 1;

export interface GpJob {
  readonly kind: 'gp';
  readonly island: number;
  readonly checkpoint: string | null;
  readonly key: string;
}

export interface IslandRule {
  readonly rule: Rule;
  readonly fitness: number;
  readonly island: number;
  readonly generation: number;
}

export interface GpIslandResult {
  readonly island: number;
  readonly generations: number;
  /** Whether the run started from a checkpoint, and at which generation. */
  readonly resumedAt: number | null;
  /** The island's best distinct rules (by text), best first, at most twice the candidates asked for. */
  readonly best: readonly IslandRule[];
  readonly evaluations: number;
}

export function runGpJob(
  market: MarketData,
  env: ResearchEnv,
  job: GpJob,
  data: GpData = gpData(market, env.gp.inSample),
): GpIslandResult {
  const memo = new Map<string, number>();
  const fitness = (rule: Rule): number => {
    const key = ruleText(rule);
    let f = memo.get(key);
    if (f === undefined) {
      f = gpFitness(rule, data, env.backtest, env.verdict.minTrades, env.gp.parsimony);
      memo.set(key, f);
    }
    return f;
  };
  const file = job.checkpoint;
  const resumed =
    file === null
      ? undefined
      : (loadCheckpoint(file, GP_CHECKPOINT_FORMAT, GP_CHECKPOINT_VERSION, job.key) as
          GpState | undefined);
  const start =
    resumed ?? gpInit(env.gp, data.thresholds, hashSeed(env.seed, 'gp', job.island), fitness);
  if (file !== null && resumed === undefined)
    saveCheckpoint(file, GP_CHECKPOINT_FORMAT, GP_CHECKPOINT_VERSION, job.key, start);
  const last = gpEvolve(env.gp, data.thresholds, start, fitness, (s) => {
    if (file !== null)
      saveCheckpoint(file, GP_CHECKPOINT_FORMAT, GP_CHECKPOINT_VERSION, job.key, s);
  });
  // Rules with the same in-sample fitness are taken for one rule written two ways (x AND x): the smallest stays.
  const seen = new Set<number>();
  const best: IslandRule[] = [];
  for (const i of ranking(last)) {
    const rule = last.population[i] as Rule;
    const f = last.fitness[i] ?? -Infinity;
    if (!Number.isFinite(f) || seen.has(f)) continue;
    seen.add(f);
    best.push({ rule, fitness: f, island: job.island, generation: last.generation });
    if (best.length >= 2 * env.gp.maxCandidates) break;
  }
  return {
    island: job.island,
    generations: last.generation,
    resumedAt: resumed?.generation ?? null,
    best,
    evaluations: memo.size,
  };
}
