/** @module One entry of the centralized error log (seed 001): a WARN or worse from any strikeline process. */

export type ErrorLevel = 'warning' | 'error' | 'critical';

/** Order of severity, lowest first: `--level error` lists error and critical. */
export const ERROR_LEVELS: readonly ErrorLevel[] = ['warning', 'error', 'critical'];

/** What the system was doing when it went wrong, as a trader groups it. */
export type ErrorComponent =
  'execution' | 'strategies' | 'data' | 'research' | 'alerts' | 'simulator' | 'system';

export interface ErrorRecord {
  readonly id: string;
  /** Epoch ms the line was logged. */
  readonly ts: number;
  readonly level: ErrorLevel;
  /** The logger's name: its component binding (`protection`, `alpaca`, `trade`, ...). */
  readonly logger: string;
  readonly message: string;
  readonly sourceFile: string | null;
  readonly sourceLine: number | null;
  readonly exceptionType: string | null;
  readonly stack: string | null;
  readonly component: ErrorComponent;
  readonly pid: number;
  /** The other fields of the log line (symbol, clientOrderId, err ...), scrubbed like the rest. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly resolved: boolean;
  readonly resolvedAt: number | null;
  readonly resolvedBy: string | null;
}

/** Sortable by time across processes: 13-digit epoch ms, the pid, a per-process sequence. */
export function errorId(ts: number, pid: number, seq: number): string {
  return `${String(ts).padStart(13, '0')}-${String(pid)}-${String(seq)}`;
}
