/** @module What every research task runs with: the market, the strategies, the shared env, where files go, workers. */
import type { StrategyName } from '../../../config/schema.ts';
import type { Logger } from '../../../domain/ports.ts';
import type { MarketData } from '../../market-data.ts';
import type { Progress } from '../../output/progress.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';
import type { ResearchPaths } from '../io/research-paths.ts';
import type { ResearchEnv } from '../work/research-env.ts';
import type { JobOutcome, PoolInput } from '../parallel/research-pool.ts';
import { runJobs } from '../parallel/research-pool.ts';
import type { ResearchJob } from '../work/research-job.ts';

export interface TaskContext {
  readonly market: MarketData;
  readonly settings: StrategySettings;
  readonly shared: Map<string, unknown>;
  readonly env: ResearchEnv;
  readonly paths: ResearchPaths;
  /** The strategies selected (config, STRATEGY_DISABLED_LIST, --strategies). */
  readonly names: readonly StrategyName[];
  readonly workers: number;
  /** Discard checkpoints and earlier results instead of resuming and reusing them. */
  readonly fresh: boolean;
  readonly progress: Progress;
  readonly log: Logger;
}

export interface JobFailure {
  readonly job: string;
  readonly message: string;
}

/** Runs jobs with a progress bar labelled `label`. */
export async function runWithProgress<J extends ResearchJob>(
  t: TaskContext,
  label: string,
  jobs: readonly J[],
): Promise<JobOutcome<J>[]> {
  const input: PoolInput = { market: t.market, settings: t.settings, shared: t.shared, env: t.env };
  t.progress.start(label, jobs.length);
  try {
    return await runJobs(jobs, input, {
      workers: t.workers,
      onDone: (d) => {
        t.progress.update(d);
      },
    });
  } finally {
    t.progress.stop();
  }
}
