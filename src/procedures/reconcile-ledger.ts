/**
 * @module The reconciliation gate's I/O: the local ledger (LMDB, kept by the daemon from every fill) against
 * the broker's positions and cash. Within tolerance the ledger is brought to the broker's; beyond it nothing
 * is written, so the discrepancy stays for the report and the review.
 */
import type { AccountReport } from '../domain/account.ts';
import type { Broker } from '../domain/ports.ts';
import { reconcile, type Book, type Reconciliation } from '../domain/rules/risk/reconcile.ts';
import type { Store } from '../domain/store.ts';
import { readLedger, writeLedger, type LocalLedger } from '../records/risk-state.ts';

export interface ReconcileOptions {
  readonly tolerancePct: number;
  readonly now: number;
  /** Write the broker's book when they agree (false in a dry run). */
  readonly adopt: boolean;
  /** With no ledger yet, start one from the broker's book (the daemon, which keeps it); else report nothing to compare. */
  readonly initialize: boolean;
}

export const bookOfLedger = (l: LocalLedger): Book => ({ cash: l.cash, positions: new Map(Object.entries(l.positions)) });

export async function brokerBook(broker: Broker, account?: AccountReport): Promise<Book> {
  const [acct, positions] = await Promise.all([account ?? broker.getAccount(), broker.listPositions()]);
  return { cash: acct.cash, positions: new Map(positions.filter((p) => p.qty !== 0).map((p) => [p.symbol, p.qty])) };
}

/** Compares and, when they agree, adopts; null when there is no ledger to compare with. */
export async function reconcileLedger(broker: Broker, store: Store, o: ReconcileOptions, account?: AccountReport): Promise<Reconciliation | null> {
  const ledger = readLedger(store);
  const theirs = await brokerBook(broker, account);
  const adopt = async (): Promise<void> => {
    await writeLedger(store, { cash: theirs.cash, positions: Object.fromEntries(theirs.positions), tsReconciled: o.now, tsUpdated: o.now });
  };
  if (ledger === undefined) {
    if (o.initialize && o.adopt) await adopt();
    return null;
  }
  const result = reconcile(bookOfLedger(ledger), theirs, o.tolerancePct);
  if (result.ok && o.adopt) await adopt();
  return result;
}
