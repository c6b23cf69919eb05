/**
 * @module One walk-forward job (a strategy on a ticker, grid search or GA): the run, resumed from its checkpoint
 * when one belongs to it (the GA writes one after each fold), then the stitched out-of-sample result as the file
 * data/research/{wfo,ga}/... holds it.
 */
import type { StrategyName } from '../../../config/schema.ts';
import type { MarketData } from '../../market-data.ts';
import { STRATEGIES } from '../../strategies/registry.ts';
import { isParameterized, type StrategyContext } from '../../strategies/strategy.ts';
import { hashSeed } from '../random/rng.ts';
import { stitchOutOfSample } from '../wfo/stitch.ts';
import { walkForward, type Optimizer, type WfoProgress } from '../wfo/walk-forward.ts';
import { wfoResultFile, type WfoResultFile } from '../wfo/wfo-result.ts';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-file.ts';
import type { ResearchEnv } from './research-env.ts';

export const GA_CHECKPOINT_FORMAT = 'strikeline-ga-checkpoint';
export const GA_CHECKPOINT_VERSION = 1;

export interface WfoJob {
  readonly kind: 'wfo';
  readonly strategy: StrategyName;
  readonly symbol: string;
  readonly optimizer: 'grid' | 'ga';
  /** The GA's checkpoint file (null: none is kept), and the key of this run (settings + data). */
  readonly checkpoint: string | null;
  readonly key: string;
}

export function runWfoJob(
  market: MarketData,
  ctx: StrategyContext,
  env: ResearchEnv,
  job: WfoJob,
): WfoResultFile {
  const strategy = STRATEGIES[job.strategy];
  const series = market.series.get(job.symbol);
  if (!isParameterized(strategy))
    throw new Error(`${job.strategy} declares no parameters to optimise`);
  if (series === undefined) throw new Error(`no bars for ${job.symbol}`);
  const optimizer: Optimizer =
    job.optimizer === 'grid'
      ? { kind: 'grid' }
      : { kind: 'ga', options: env.ga, seed: hashSeed(env.seed, 'ga', job.strategy, job.symbol) };
  const file = job.checkpoint;
  const resume =
    file === null
      ? undefined
      : (loadCheckpoint(file, GA_CHECKPOINT_FORMAT, GA_CHECKPOINT_VERSION, job.key) as
          WfoProgress | undefined);
  const save =
    file === null
      ? undefined
      : (p: WfoProgress) => {
          saveCheckpoint(file, GA_CHECKPOINT_FORMAT, GA_CHECKPOINT_VERSION, job.key, p);
        };
  const input = {
    series,
    strategy,
    ctx,
    backtest: env.backtest,
    strategyExits: env.strategyExits,
    windows: env.windows,
    minTrades: env.minInSampleTrades,
  };
  const run = walkForward(input, optimizer, resume, save);
  const oos = stitchOutOfSample(series, run.folds, run.trials, env.backtest);
  return wfoResultFile(series, strategy, job.optimizer, run, oos, job.key);
}
