/**
 * @module The orchestrator's records in LMDB (table `phases`): one per once-task and phase of a trading day, so a
 * daemon restarted in the middle of a phase does not run a done task again. Read by `status --journal` (the journal
 * has each run) and by tests.
 */
import type { MarketPhase } from '../../domain/phases/market-phases.ts';
import type { Store } from '../../domain/store.ts';

export const PHASES_TABLE = 'phases';

export interface TaskRun {
  readonly day: string;
  readonly phase: MarketPhase;
  readonly task: string;
  readonly status: 'done' | 'failed';
  readonly attempts: number;
  readonly tsFirst: number;
  readonly tsLast: number;
  readonly detail: string;
}

export const taskKey = (day: string, phase: MarketPhase, task: string): string =>
  `${day}|${phase}|${task}`;

export interface PhaseRecords {
  get(day: string, phase: MarketPhase, task: string): TaskRun | undefined;
  put(run: TaskRun): Promise<void>;
  /** Every run of a trading day, in key order. */
  ofDay(day: string): TaskRun[];
}

export function phaseRecords(store: Store): PhaseRecords {
  const table = store.table<TaskRun>(PHASES_TABLE);
  return {
    get: (day, phase, task) => table.get(taskKey(day, phase, task)),
    put: (run) => table.put(taskKey(run.day, run.phase, run.task), run),
    ofDay: (day) => table.entries(`${day}|`).map(([, run]) => run),
  };
}
