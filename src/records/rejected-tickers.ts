/** @module data/rejected_tickers/: one JSONL line per rejection, one file per date; the ticker is data, never a file name. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type RejectionStage = 'scan' | 'rank' | 'trade';

export interface Rejection {
  /** The New York date of the run (YYYY-MM-DD). */
  readonly date: string;
  /** The ticker, or the file name when no ticker could be read. */
  readonly ticker: string;
  readonly stage: RejectionStage;
  readonly reason: string;
  readonly file?: string;
  readonly strategy?: string;
}

/** The file for a date: rejected_<YYYY-MM-DD>.jsonl. */
export const rejectedFileFor = (dir: string, date: string): string =>
  join(dir, `rejected_${date}.jsonl`);

/** Appends rejections (one write per call, so concurrent writers interleave whole lines). */
export function recordRejections(dir: string, rejections: readonly Rejection[]): void {
  if (rejections.length === 0) return;
  mkdirSync(dir, { recursive: true });
  const byDate = new Map<string, string[]>();
  for (const r of rejections) {
    const lines = byDate.get(r.date) ?? [];
    lines.push(JSON.stringify(r));
    byDate.set(r.date, lines);
  }
  for (const [date, lines] of byDate)
    appendFileSync(rejectedFileFor(dir, date), `${lines.join('\n')}\n`);
}
