/**
 * @module The night's research in one record: what ran, on which data, and each task's summary. It is printed
 * (--json), stored in LMDB (research-store.ts) for the report and status, and its regime part is what changed.
 */
import type { GpSummary } from '../tasks/gp-task.ts';
import type { RegimeSummary } from '../tasks/regime-task.ts';
import type { VerdictsSummary } from '../tasks/verdicts-task.ts';
import type { WfoSummary } from '../tasks/wfo-task.ts';

export const RESEARCH_TASKS = ['regime', 'wfo', 'ga', 'gp', 'verdicts'] as const;
export type ResearchTask = (typeof RESEARCH_TASKS)[number];

export interface ResearchSummary {
  /** The session the research's data closes with. */
  readonly date: string;
  readonly generated_at: string;
  readonly as_of: string | null;
  readonly seed: number;
  readonly tasks: readonly ResearchTask[];
  readonly universe: {
    readonly source: string;
    readonly symbols: number;
    readonly scanned: number;
  };
  readonly strategies: readonly string[];
  readonly workers: number;
  readonly notes: readonly string[];
  readonly regime?: RegimeSummary;
  readonly wfo?: WfoSummary;
  readonly ga?: WfoSummary;
  readonly gp?: GpSummary;
  readonly verdicts?: VerdictsSummary;
  readonly timings_ms: Readonly<Record<string, number>>;
  /** In the stored record: the date of the data each task's section was computed on (sections of earlier runs stay). */
  readonly task_dates?: Readonly<Partial<Record<ResearchTask, string>>>;
}

/** Jobs that failed, over every task. */
export function failuresOf(s: ResearchSummary): string[] {
  return [
    ...(s.wfo?.failed ?? []).map((f) => `wfo ${f.job}: ${f.message}`),
    ...(s.ga?.failed ?? []).map((f) => `ga ${f.job}: ${f.message}`),
    ...(s.gp?.failed ?? []).map((f) => `gp ${f.job}: ${f.message}`),
    ...(s.verdicts?.failed ?? []).map((f) => `verdicts ${f.job}: ${f.message}`),
  ];
}
