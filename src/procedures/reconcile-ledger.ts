/**
 * @module The reconciliation gate's I/O: the local ledger (LMDB, kept by the daemon from every fill) against
 * the broker's positions and cash. Within tolerance the ledger is brought to the broker's; beyond it nothing
 * is written, so the discrepancy stays for the report and the review.
 */
import type { AccountReport } from '../domain/account.ts';
import type { Broker } from '../domain/ports.ts';
import { positionsOf, type Ledger, type Lot } from '../domain/rules/risk/ledger.ts';
import { reconcile, type Book, type Reconciliation } from '../domain/rules/risk/reconcile.ts';
import type { Store } from '../domain/store.ts';
import { readLedger, updateLedger } from '../records/risk-state.ts';

export interface ReconcileOptions {
  readonly tolerancePct: number;
  readonly now: number;
  /** Write the broker's book when they agree (false in a dry run). */
  readonly adopt: boolean;
  /** With no ledger yet, start one from the broker's book (the daemon, which keeps it); else report nothing to compare. */
  readonly initialize: boolean;
}

export const bookOfLedger = (l: Ledger): Book => ({
  cash: l.cash,
  positions: new Map(Object.entries(positionsOf(l))),
});

/** The broker's positions and cash as a ledger: average costs from the broker, strategies kept from ours. */
export async function brokerLedger(
  broker: Broker,
  ours: Ledger | undefined,
  account?: AccountReport,
): Promise<Ledger> {
  const [acct, positions] = await Promise.all([
    account ?? broker.getAccount(),
    broker.listPositions(),
  ]);
  const lots = positions
    .filter((p) => p.qty !== 0)
    .map((p): [string, Lot] => [
      p.symbol,
      { qty: p.qty, avgCost: p.avgEntryPrice, strategy: ours?.lots[p.symbol]?.strategy ?? null },
    ]);
  return { cash: acct.cash, lots: Object.fromEntries(lots) };
}

/** Compares and, when they agree, adopts; null when there is no ledger to compare with. */
export async function reconcileLedger(
  broker: Broker,
  store: Store,
  o: ReconcileOptions,
  account?: AccountReport,
): Promise<Reconciliation | null> {
  const ledger = readLedger(store);
  const theirs = await brokerLedger(broker, ledger, account);
  const adopt = async (): Promise<void> => {
    await updateLedger(store, () => ({
      ledger: { ...theirs, tsReconciled: o.now, tsUpdated: o.now },
      result: undefined,
    }));
  };
  if (ledger === undefined) {
    if (o.initialize && o.adopt) await adopt();
    return null;
  }
  const result = reconcile(bookOfLedger(ledger), bookOfLedger(theirs), o.tolerancePct);
  if (result.ok && o.adopt) await adopt();
  return result;
}
