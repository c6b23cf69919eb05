/**
 * @module Every kind of research job and the one function that runs any of them, in a worker thread or
 * in-process alike: walk-forward (grid or GA), a GP island, a share of the verdict study.
 */
import type { StrategyName } from '../../../config/schema.ts';
import type { MarketData } from '../../market-data.ts';
import { strategyContext } from '../../scan/scan-market.ts';
import type { ScanOptions } from '../../scan/ticker-scan.ts';
import type { StrategyContext, StrategySettings } from '../../strategies/strategy.ts';
import { gpData, type GpData } from '../gp/gp-data.ts';
import type { StudyOutcome } from '../verdicts/control-ticker.ts';
import { studyMarket } from '../verdicts/study-market.ts';
import type { WfoResultFile } from '../wfo/wfo-result.ts';
import { runGpJob, type GpIslandResult, type GpJob } from './gp-job.ts';
import type { ResearchEnv } from './research-env.ts';
import { runWfoJob, type WfoJob } from './wfo-job.ts';

export interface StudyJob {
  readonly kind: 'study';
  readonly symbols: readonly string[];
  readonly names: readonly StrategyName[];
  readonly options: ScanOptions;
}

export type ResearchJob = WfoJob | GpJob | StudyJob;

export type JobResult<J extends ResearchJob> = J extends WfoJob
  ? WfoResultFile
  : J extends GpJob
    ? GpIslandResult
    : StudyOutcome[];

/** What a thread holds for its jobs: the market, a strategy context over the shared cross-sectional data, the env. */
export interface ResearchWorld {
  readonly market: MarketData;
  readonly settings: StrategySettings;
  readonly shared: Map<string, unknown>;
  readonly env: ResearchEnv;
  readonly ctx: StrategyContext;
  /** The GP's data, built on first use and kept (every island of the thread reads it). */
  gp(): GpData;
}

export function researchWorld(
  market: MarketData,
  settings: StrategySettings,
  shared: Map<string, unknown>,
  env: ResearchEnv,
): ResearchWorld {
  let data: GpData | undefined;
  return {
    market,
    settings,
    shared,
    env,
    ctx: strategyContext(market, settings, shared),
    gp: () => (data ??= gpData(market, env.gp.inSample)),
  };
}

export function runResearchJob<J extends ResearchJob>(world: ResearchWorld, job: J): JobResult<J>;
export function runResearchJob(
  world: ResearchWorld,
  job: ResearchJob,
): WfoResultFile | GpIslandResult | StudyOutcome[] {
  switch (job.kind) {
    case 'wfo':
      return runWfoJob(world.market, world.ctx, world.env, job);
    case 'gp':
      return runGpJob(world.market, world.env, job, world.gp());
    case 'study':
      return studyMarket(
        world.market,
        job.names,
        world.settings,
        job.options,
        world.env.seed,
        job.symbols,
        world.shared,
      );
  }
}
