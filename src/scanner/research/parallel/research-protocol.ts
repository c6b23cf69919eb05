/** @module The messages between the research's main thread and its workers. */
import type { PackedMarket } from '../../parallel/shared-market.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';
import type { ResearchEnv } from '../work/research-env.ts';
import type { ResearchJob } from '../work/research-job.ts';

export interface ResearchWorkerInput {
  readonly market: PackedMarket;
  readonly settings: StrategySettings;
  readonly shared: Map<string, unknown>;
  readonly env: ResearchEnv;
}

/** Main -> worker: run this job (its index in the task's list). */
export interface JobMessage {
  readonly index: number;
  readonly job: ResearchJob;
}

export type ResearchWorkerMessage =
  | { readonly kind: 'done'; readonly index: number; readonly result: unknown }
  | { readonly kind: 'failed'; readonly index: number; readonly message: string };
