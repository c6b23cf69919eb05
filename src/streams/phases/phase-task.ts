/** @module A phase task as the orchestrator runs it: a name, a cadence, and one run that says what it did. */
import type { MarketPhase, PhaseWindow } from '../../domain/phases/market-phases.ts';

/** once: once per phase of a trading day (recorded, so a restart does not repeat it), retried after a failure; every: periodic. */
export type TaskCadence =
  | { readonly kind: 'once'; readonly retryMs: number }
  | { readonly kind: 'every'; readonly everyMs: number };

export interface TaskContext {
  readonly window: PhaseWindow;
  /** The daemon's (broker-synced) time at the start of the run. */
  readonly now: number;
}

export interface TaskResult {
  readonly ok: boolean;
  /** One line for the journal and the log: what was found or done. */
  readonly detail: string;
  readonly data?: Readonly<Record<string, unknown>>;
  /** A periodic run that decided something (an entry, a block): journaled, while routine runs are only counted. */
  readonly notable?: boolean;
}

export interface PhaseTask {
  readonly name: string;
  readonly cadence: TaskCadence;
  run(context: TaskContext): Promise<TaskResult>;
}

/** Seed 001's TASK_REGISTRY: each phase's tasks, run in this order on every cycle they are due. */
export type TaskRegistry = Readonly<Record<MarketPhase, readonly PhaseTask[]>>;

export const once = (retryMs: number): TaskCadence => ({ kind: 'once', retryMs });
export const every = (everyMs: number): TaskCadence => ({ kind: 'every', everyMs });
