/**
 * @module Pending signals in LMDB (table `pending_signals`, keyed by ticker|strategy): a signal blocked by risk,
 * cash or heat (seed 002's decay window) is retried at each trade run until it enters or its days run out.
 */
import type { Store } from '../domain/store.ts';

export type PendingStatus = 'pending' | 'entered' | 'expired';

/** The ranked signal as the CSV gave it (the fields of actionable_signals.csv). */
export interface PendingSignalData {
  readonly rank: number;
  readonly ticker: string;
  readonly strategy: string;
  readonly winRate: number;
  readonly trades: number;
  readonly profitFactor: number;
  readonly avgReturnPct: number;
  readonly signalDate: string;
  readonly price: number;
}

export interface PendingSignal {
  readonly signal: PendingSignalData;
  /** The New York day it was first blocked. */
  readonly firstDay: string;
  /** The last day it was walked. */
  readonly lastDay: string;
  readonly reasonCode: string;
  readonly reason: string;
  readonly retries: number;
  readonly status: PendingStatus;
  /** The day it entered or expired. */
  readonly closedDay: string | null;
}

export const PENDING_SIGNALS_TABLE = 'pending_signals';

export const pendingKey = (ticker: string, strategy: string): string => `${ticker}|${strategy}`;

export function pendingSignals(store: Store): PendingSignal[] {
  return store
    .table<PendingSignal>(PENDING_SIGNALS_TABLE)
    .entries()
    .map(([, v]) => v);
}

export async function putPending(store: Store, p: PendingSignal): Promise<void> {
  await store
    .table<PendingSignal>(PENDING_SIGNALS_TABLE)
    .put(pendingKey(p.signal.ticker, p.signal.strategy), p);
}
