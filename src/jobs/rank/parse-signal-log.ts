/** @module Parses one signal-log file's text: the summary (last line) validated, history lines kept, bad lines reported. */
import {
  describeZodError,
  parseSignalFileName,
  signalSummarySchema,
  type SignalSummary,
} from './signal-summary.ts';

export interface LineProblem {
  readonly line: number;
  readonly reason: string;
}

export type ParsedSignalLog =
  | {
      readonly ok: true;
      readonly file: string;
      readonly summary: SignalSummary;
      readonly history: readonly unknown[];
      readonly badLines: readonly LineProblem[];
    }
  | {
      readonly ok: false;
      readonly file: string;
      readonly ticker: string | undefined;
      readonly reason: string;
    };

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * A file is usable when its name follows the pattern and its last non-empty line is a valid summary
 * whose ticker and state agree with the name. A malformed history line is skipped and reported.
 */
export function parseSignalLog(file: string, text: string): ParsedSignalLog {
  const named = parseSignalFileName(file);
  if (named === undefined)
    return {
      ok: false,
      file,
      ticker: undefined,
      reason: 'file name does not match <IN_TRADE|WATCH|FLAT>_live_qs_<TICKER>.log',
    };
  const fail = (reason: string): ParsedSignalLog => ({
    ok: false,
    file,
    ticker: named.ticker,
    reason,
  });
  const lines = text
    .split('\n')
    .map((l, i) => ({ n: i + 1, text: l.trim() }))
    .filter((l) => l.text !== '');
  const last = lines.pop();
  if (last === undefined) return fail('empty file: no summary line');
  const parsed = parseJson(last.text);
  if ('error' in parsed) return fail(`summary (line ${last.n}) is ${parsed.error}`);
  const result = signalSummarySchema.safeParse(parsed.value);
  if (!result.success)
    return fail(`summary (line ${last.n}) is invalid: ${describeZodError(result.error)}`);
  const summary = result.data;
  if (summary.ticker !== named.ticker)
    return fail(`summary ticker ${summary.ticker} differs from the file name's ${named.ticker}`);
  if (summary.state !== named.state)
    return fail(`summary state ${summary.state} differs from the file name's ${named.state}`);
  const history: unknown[] = [];
  const badLines: LineProblem[] = [];
  for (const line of lines) {
    const h = parseJson(line.text);
    if ('error' in h)
      badLines.push({ line: line.n, reason: `history line ${line.n} is ${h.error}` });
    else if (h.value === null || typeof h.value !== 'object' || Array.isArray(h.value))
      badLines.push({ line: line.n, reason: `history line ${line.n} is not a JSON object` });
    else history.push(h.value);
  }
  return { ok: true, file, summary, history, badLines };
}
