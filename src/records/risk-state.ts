/**
 * @module The trading state in LMDB: table 'risk' (key 'book': the one {@link RiskBook}, read by `trade`, the
 * daemon, `risk` and `status`) and table 'risk_history' (every trip and lift, the seeds' circuit_breaker_state).
 */
import type { BreakerTrip } from '../domain/rules/risk/breaker.ts';
import type { Ledger } from '../domain/rules/risk/ledger.ts';
import { emptyRiskBook, type RiskBook } from '../domain/rules/risk/risk-book.ts';
import type { Store } from '../domain/store.ts';

export const RISK_TABLE = 'risk';
export const RISK_BOOK_KEY = 'book';
export const RISK_HISTORY_TABLE = 'risk_history';

/** One row of the history: a trip starting or ending, and who decided it. */
export interface RiskHistoryRow {
  readonly ts: number;
  readonly event: 'tripped' | 'lifted';
  readonly actor: string;
  readonly trip: BreakerTrip;
  readonly active: boolean;
}

export function readRiskBook(store: Store, day: string): RiskBook {
  return store.table<RiskBook>(RISK_TABLE).get(RISK_BOOK_KEY) ?? emptyRiskBook(day);
}

/**
 * Every change of the book goes through here: `fn` folds the book as it is at the write (in one LMDB write
 * transaction), so `trade` and the daemon, two processes, never drop each other's changes (an order count, a trip).
 * `fn` returns the new book (null: unchanged) and what to tell the caller.
 */
export function updateRiskBook<R>(
  store: Store,
  day: string,
  fn: (book: RiskBook) => { book: RiskBook | null; result: R },
): Promise<R> {
  return store.table<RiskBook>(RISK_TABLE).update(RISK_BOOK_KEY, (current) => {
    const next = fn(current ?? emptyRiskBook(day));
    return { value: next.book ?? undefined, result: next.result };
  });
}

export async function appendRiskHistory(store: Store, row: RiskHistoryRow): Promise<void> {
  // Time first, so entries() lists them in order; name and scope make two trips of one moment distinct.
  const key = `${String(row.ts).padStart(15, '0')}:${row.event}:${row.trip.name}:${row.trip.scope}`;
  await store.table<RiskHistoryRow>(RISK_HISTORY_TABLE).put(key, row);
}

export function listRiskHistory(store: Store): RiskHistoryRow[] {
  return store
    .table<RiskHistoryRow>(RISK_HISTORY_TABLE)
    .entries()
    .map(([, v]) => v);
}

/** Key 'ledger': the local book the daemon keeps from every fill, reconciled with the broker's (seed 002). */
export const LEDGER_KEY = 'ledger';

export interface LocalLedger extends Ledger {
  /** When it last agreed with the broker (daemon clock, epoch ms). */
  readonly tsReconciled: number;
  readonly tsUpdated: number;
}

export function readLedger(store: Store): LocalLedger | undefined {
  return store.table<LocalLedger>(RISK_TABLE).get(LEDGER_KEY);
}

/** The ledger's read-modify-write, atomic like {@link updateRiskBook}; `fn` returns null to leave it. */
export function updateLedger<R>(
  store: Store,
  fn: (ledger: LocalLedger | undefined) => { ledger: LocalLedger | null; result: R },
): Promise<R> {
  return store.table<LocalLedger>(RISK_TABLE).update(LEDGER_KEY, (current) => {
    const next = fn(current);
    return { value: next.ledger ?? undefined, result: next.result };
  });
}
