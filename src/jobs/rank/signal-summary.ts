/** @module The signal-log contract: file names `<STATE>_live_qs_<TICKER>.log` and the summary line, validated with zod. */
import { z } from 'zod';
import { isIsoDate } from '../../domain/time/ny-dates.ts';

export const SIGNAL_STATES = ['IN_TRADE', 'WATCH', 'FLAT'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

/** Upper-case symbols as Alpaca spells them (BRK.B, BF-B). */
export const TICKER_RE = /^[A-Z][A-Z0-9.-]{0,9}$/;
/** Strategy names: letters, digits and underscores (they end up in CSV cells and order ids). */
export const STRATEGY_RE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
export const SIGNAL_FILE_RE = /^(IN_TRADE|WATCH|FLAT)_live_qs_([A-Z][A-Z0-9.-]{0,9})\.log$/;

/**
 * A JSON `-0` is read as 0: the ranking compares numbers with `<`, which cannot tell -0 from 0, so two summaries
 * differing only in a zero's sign would tie and their order would depend on the order the logs were read in.
 */
const unsignedZero = (x: number): number => (x === 0 ? 0 : x);
const finite = z.number().refine(Number.isFinite, 'a finite number').transform(unsignedZero);

export const signalSummarySchema = z.object({
  ticker: z.string().regex(TICKER_RE, 'an upper-case ticker'),
  strategy: z.string().regex(STRATEGY_RE, 'a strategy name (letters, digits, _)'),
  state: z.enum(SIGNAL_STATES),
  verdict: z.enum(['PROFITABLE', 'UNPROFITABLE']),
  win_rate: z.number().min(0).max(1).transform(unsignedZero),
  trades: z.number().int().nonnegative().transform(unsignedZero),
  /** null (or a missing loss side) means no losing trades: an infinite profit factor. */
  profit_factor: z
    .union([z.number().nonnegative(), z.null()])
    .transform((v) => (v === null ? Infinity : unsignedZero(v))),
  avg_return_pct: finite,
  signal_date: z.string().refine(isIsoDate, 'a date as YYYY-MM-DD'),
  price: z.number().positive().refine(Number.isFinite, 'a finite price'),
});

export type SignalSummary = z.infer<typeof signalSummarySchema>;

/** State and ticker named by a signal-log file, or undefined for a name outside the pattern. */
export function parseSignalFileName(
  name: string,
): { state: SignalState; ticker: string } | undefined {
  const m = SIGNAL_FILE_RE.exec(name);
  if (m === null) return undefined;
  return { state: m[1] as SignalState, ticker: m[2] ?? '' };
}

/** One zod failure in a line a person can act on: `win_rate: Too big: expected number to be <=1`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(line)'}: ${i.message}`)
    .join('; ');
}
