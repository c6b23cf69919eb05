/** @module data/actionable_signals.csv: the ranker's output and the trader's input, written and parsed here. */
import { z } from 'zod';
import { isIsoDate } from '../../domain/time/ny-dates.ts';
import type { RankedSignal } from './rank-signals.ts';
import { describeZodError, STRATEGY_RE, TICKER_RE } from './signal-summary.ts';

export const CSV_HEADER =
  'rank,ticker,strategy,win_rate,trades,profit_factor,avg_return_pct,signal_date,price';
const COLUMNS = CSV_HEADER.split(',');

const num = (v: number): string => (v === Infinity ? 'inf' : String(v));

/** The CSV text for ranked signals, header first, one row per signal, newline-terminated. */
export function formatActionableCsv(rows: readonly RankedSignal[]): string {
  const lines = rows.map((r) =>
    [
      r.rank,
      r.ticker,
      r.strategy,
      num(r.winRate),
      r.trades,
      num(r.profitFactor),
      num(r.avgReturnPct),
      r.signalDate,
      num(r.price),
    ].join(','),
  );
  return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}

const numeric = z
  .string()
  .trim()
  .regex(/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^inf$/, 'a number')
  .transform((s) => (s === 'inf' ? Infinity : Number(s)));

const rowSchema = z.object({
  rank: numeric.pipe(z.number().int().positive()),
  ticker: z.string().regex(TICKER_RE, 'an upper-case ticker'),
  strategy: z.string().regex(STRATEGY_RE, 'a strategy name'),
  win_rate: numeric.pipe(z.number().min(0).max(1)),
  trades: numeric.pipe(z.number().int().nonnegative()),
  // Infinity (written inf) is a valid profit factor: no losing trades. z.number() would refuse it.
  profit_factor: numeric.refine((v) => v >= 0, 'a non-negative number or inf'),
  avg_return_pct: numeric.pipe(z.number().refine(Number.isFinite, 'a finite number')),
  signal_date: z.string().refine(isIsoDate, 'a date as YYYY-MM-DD'),
  price: numeric.pipe(z.number().positive().refine(Number.isFinite, 'a finite price')),
});

export interface CsvProblem {
  readonly line: number;
  /** The ticker cell when it could be read, else undefined. */
  readonly ticker: string | undefined;
  readonly reason: string;
}

export interface ParsedCsv {
  readonly rows: readonly RankedSignal[];
  readonly problems: readonly CsvProblem[];
}

/** Thrown when the file is not an actionable-signals CSV at all (wrong header): nothing in it can be trusted. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Parses the CSV; bad rows are returned as problems and the good rows kept, in rank order. */
export function parseActionableCsv(text: string, source: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim() ?? '';
  if (header !== CSV_HEADER)
    throw new CsvFormatError(
      `${source}: expected the header "${CSV_HEADER}", found "${header.slice(0, 120)}"`,
    );
  const rows: RankedSignal[] = [];
  const problems: CsvProblem[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim());
    const ticker = cells[1] !== undefined && TICKER_RE.test(cells[1]) ? cells[1] : undefined;
    if (cells.length !== COLUMNS.length) {
      problems.push({
        line: i + 2,
        ticker,
        reason: `line ${i + 2}: expected ${COLUMNS.length} cells, found ${cells.length}`,
      });
      return;
    }
    const parsed = rowSchema.safeParse(Object.fromEntries(COLUMNS.map((c, j) => [c, cells[j]])));
    if (!parsed.success) {
      problems.push({
        line: i + 2,
        ticker,
        reason: `line ${i + 2}: ${describeZodError(parsed.error)}`,
      });
      return;
    }
    const r = parsed.data;
    rows.push({
      rank: r.rank,
      ticker: r.ticker,
      strategy: r.strategy,
      winRate: r.win_rate,
      trades: r.trades,
      profitFactor: r.profit_factor,
      avgReturnPct: r.avg_return_pct,
      signalDate: r.signal_date,
      price: r.price,
    });
  });
  return { rows: rows.sort((a, b) => a.rank - b.rank), problems };
}
