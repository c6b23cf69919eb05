/**
 * @module The research in LMDB: each run's summary under `run:<date>` in the `research` table, and under `latest`
 * the newest section of every task (a run of `--task gp` alone keeps the last regime and verdicts, with the date
 * each section is from); every regime change in `regime_log` (seed 001's regime_log: when, the new regime, the
 * previous one). The report and status read them with `readResearchSummary(store)` and `regimeLog(store)`.
 */
import type { Store } from '../../../domain/store.ts';
import { RESEARCH_TASKS, type ResearchSummary } from './research-summary.ts';

export const RESEARCH_TABLE = 'research';
export const REGIME_LOG_TABLE = 'regime_log';
const LATEST = 'latest';

export interface RegimeChange {
  /** The session whose close the new regime was read at. */
  readonly date: string;
  readonly regime: string;
  readonly previous: string;
  readonly probability: number;
  /** When the research recorded it, ISO-8601. */
  readonly recordedAt: string;
}

/** This run's summary with the sections of the tasks it did not run carried over from the previous latest. */
export function mergeLatest(
  previous: ResearchSummary | undefined,
  summary: ResearchSummary,
): ResearchSummary {
  const carried = Object.fromEntries(
    RESEARCH_TASKS.filter((t) => !summary.tasks.includes(t) && previous?.[t] !== undefined).map(
      (t) => [t, previous?.[t]],
    ),
  );
  const dates = {
    ...previous?.task_dates,
    ...Object.fromEntries(summary.tasks.map((t) => [t, summary.date])),
  };
  return { ...summary, ...carried, task_dates: dates };
}

export async function saveResearchSummary(store: Store, summary: ResearchSummary): Promise<void> {
  const table = store.table<ResearchSummary>(RESEARCH_TABLE);
  await table.put(`run:${summary.date}`, summary);
  await table.put(LATEST, mergeLatest(table.get(LATEST), summary));
}

/** The latest research summary, or undefined when research never ran on this root. */
export const readResearchSummary = (store: Store): ResearchSummary | undefined =>
  store.table<ResearchSummary>(RESEARCH_TABLE).get(LATEST);

export async function logRegimeChange(store: Store, change: RegimeChange): Promise<void> {
  await store
    .table<RegimeChange>(REGIME_LOG_TABLE)
    .put(`${change.date}:${change.recordedAt}`, change);
}

export const regimeLog = (store: Store): RegimeChange[] =>
  store
    .table<RegimeChange>(REGIME_LOG_TABLE)
    .entries()
    .map(([, v]) => v);
