/**
 * @module What the last `strikeline research` says, for the end-of-day report: the market regime the model found
 * at the last close (from its versioned file), and the run's summary from LMDB (honest verdicts, walk-forward,
 * discovered rules). Nothing when research never ran on this root.
 */
import type { Store } from '../../domain/store.ts';
import { researchReportLines } from '../../scanner/research/output/research-report.ts';
import { readResearchSummary } from '../../scanner/research/output/research-store.ts';
import { regimeLine, regimeView, type RegimeView } from '../ops/regime-view.ts';

export interface ReportResearch {
  readonly regime: RegimeView;
  /** The latest research summary in a few lines (empty before the first run). */
  readonly summary: readonly string[];
}

export function reportResearch(store: Store, dataDir: string): ReportResearch {
  const summary = readResearchSummary(store);
  return {
    regime: regimeView(dataDir),
    summary: summary === undefined ? [] : researchReportLines(summary),
  };
}

/** The report's research section as lines: the regime first, then the summary. */
export function researchLines(r: ReportResearch): string[] {
  return [`regime: ${regimeLine(r.regime)}`, ...r.summary];
}
