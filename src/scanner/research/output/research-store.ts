/**
 * @module The research in LMDB: the latest summary (and one per date) in the `research` table, and every regime
 * change in `regime_log` (seed 001's regime_log: when, the new regime, the previous one). The report and status
 * read them with `readResearchSummary(store)` and `regimeLog(store)`.
 */
import type { Store } from '../../../domain/store.ts';
import type { ResearchSummary } from './research-summary.ts';

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

export async function saveResearchSummary(store: Store, summary: ResearchSummary): Promise<void> {
  const table = store.table<ResearchSummary>(RESEARCH_TABLE);
  await table.put(`run:${summary.date}`, summary);
  await table.put(LATEST, summary);
}

/** The latest research summary, or undefined when research never ran on this root. */
export const readResearchSummary = (store: Store): ResearchSummary | undefined => store.table<ResearchSummary>(RESEARCH_TABLE).get(LATEST);

export async function logRegimeChange(store: Store, change: RegimeChange): Promise<void> {
  await store.table<RegimeChange>(REGIME_LOG_TABLE).put(`${change.date}:${change.recordedAt}`, change);
}

export const regimeLog = (store: Store): RegimeChange[] => store.table<RegimeChange>(REGIME_LOG_TABLE).entries().map(([, v]) => v);
