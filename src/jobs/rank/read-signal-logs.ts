/** @module Reads every signal log in data/signals/: parsed summaries, plus each unreadable file or line as a problem. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignalLog } from './parse-signal-log.ts';
import type { SignalSummary } from './signal-summary.ts';

export interface SignalLogProblem {
  readonly file: string;
  /** The ticker from the summary or the file name, when it could be read. */
  readonly ticker: string | undefined;
  readonly strategy?: string;
  /** True when the whole file was skipped; false for one skipped history line. */
  readonly fileSkipped: boolean;
  readonly reason: string;
}

export interface SignalLogs {
  readonly dirExists: boolean;
  readonly files: number;
  readonly summaries: readonly SignalSummary[];
  readonly problems: readonly SignalLogProblem[];
}

/** Files ending in .log are signal logs; anything else in the folder (notes, dot files) is not ours to judge. */
export function readSignalLogs(dir: string): SignalLogs {
  if (!existsSync(dir)) return { dirExists: false, files: 0, summaries: [], problems: [] };
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort();
  const summaries: SignalSummary[] = [];
  const problems: SignalLogProblem[] = [];
  for (const file of names) {
    const path = join(dir, file);
    if (!statSync(path).isFile()) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      problems.push({
        file,
        ticker: undefined,
        fileSkipped: true,
        reason: `unreadable: ${e instanceof Error ? e.message : String(e)}`,
      });
      continue;
    }
    const parsed = parseSignalLog(file, text);
    if (!parsed.ok) {
      problems.push({ file, ticker: parsed.ticker, fileSkipped: true, reason: parsed.reason });
      continue;
    }
    summaries.push(parsed.summary);
    for (const bad of parsed.badLines) {
      problems.push({
        file,
        ticker: parsed.summary.ticker,
        strategy: parsed.summary.strategy,
        fileSkipped: false,
        reason: bad.reason,
      });
    }
  }
  return { dirExists: true, files: names.length, summaries, problems };
}
