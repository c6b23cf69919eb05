/** @module `strikeline rank`: signal logs in, data/actionable_signals.csv out, every skip explained and recorded. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config/schema.ts';
import type { Logger } from '../../domain/ports.ts';
import { formatActionableCsv } from './actionable-csv.ts';
import { rankSignals, type DropReason, type RankResult } from './rank-signals.ts';
import { readSignalLogs, type SignalLogProblem } from './read-signal-logs.ts';
import { recordRejections, type Rejection } from '../../records/rejected-tickers.ts';

export interface RankJobOptions {
  readonly signalsDir: string;
  readonly csvPath: string;
  readonly rejectedDir: string;
  readonly config: Config;
  readonly asOf: string;
  readonly log: Logger;
}

export interface RankJobResult extends RankResult {
  readonly asOf: string;
  readonly csvPath: string;
  readonly dirExists: boolean;
  readonly files: number;
  readonly problems: readonly SignalLogProblem[];
  readonly droppedByReason: Readonly<Partial<Record<DropReason, number>>>;
}

/** Writes through a temporary file and a rename, so the trader never reads half a CSV. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function runRankJob(o: RankJobOptions): RankJobResult {
  const logs = readSignalLogs(o.signalsDir);
  const result = rankSignals(logs.summaries, {
    asOf: o.asOf,
    maxSignalAgeDays: o.config.ranker.max_signal_age_days,
    blackSheep: o.config.ranker.black_sheep,
    allowBlackSheep: o.config.ranker.allow_black_sheep,
  });
  writeFileAtomic(o.csvPath, formatActionableCsv(result.ranked));
  for (const p of logs.problems)
    o.log.warn(
      { file: p.file, ticker: p.ticker, reason: p.reason },
      p.fileSkipped ? 'signal log skipped' : 'signal log line skipped',
    );
  // Non-IN_TRADE logs are not signals, so only real rejections are recorded.
  const rejections: Rejection[] = [
    ...logs.problems.map((p) => ({
      date: o.asOf,
      ticker: p.ticker ?? p.file,
      stage: 'rank' as const,
      reason: p.reason,
      file: p.file,
      ...(p.strategy === undefined ? {} : { strategy: p.strategy }),
    })),
    ...result.dropped
      .filter((d) => d.reason !== 'not_in_trade')
      .map((d) => ({
        date: o.asOf,
        ticker: d.ticker,
        stage: 'rank' as const,
        reason: `${d.reason}: ${d.detail}`,
        strategy: d.strategy,
      })),
  ];
  recordRejections(o.rejectedDir, rejections);
  const droppedByReason: Partial<Record<DropReason, number>> = {};
  for (const d of result.dropped) droppedByReason[d.reason] = (droppedByReason[d.reason] ?? 0) + 1;
  o.log.info(
    {
      asOf: o.asOf,
      kept: result.ranked.length,
      droppedByReason,
      malformed: logs.problems.length,
      csv: o.csvPath,
    },
    'signals ranked',
  );
  return {
    ...result,
    asOf: o.asOf,
    csvPath: o.csvPath,
    dirExists: logs.dirExists,
    files: logs.files,
    problems: logs.problems,
    droppedByReason,
  };
}
