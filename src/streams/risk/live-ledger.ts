/**
 * @module The daemon keeps the local ledger (the reconciliation gate's local side) from every fill it receives;
 * at its first audit it starts one from the broker, or catches up with the broker's fills made while it was down.
 * A sale of a strategy's position closes a trade, appended to the risk book for the strategy breakers.
 */
import type { FillReceived } from '../../domain/holdings/daemon-events.ts';
import { applyFill, type Ledger, type LedgerFill } from '../../domain/rules/risk/ledger.ts';
import { MAX_CLOSED_TRADES } from '../../domain/rules/risk/risk-book.ts';
import type { ClosedTrade } from '../../domain/rules/risk/strategy-breakers.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../records/intent-record.ts';
import {
  readLedger,
  updateLedger,
  updateRiskBook,
  type LocalLedger,
} from '../../records/risk-state.ts';
import { brokerLedger } from '../../procedures/reconcile-ledger.ts';
import type { Deps } from '../deps.ts';

const strategyOf = (deps: Deps, clientOrderId: string): string | null =>
  deps.store.table<IntentRecord>(INTENTS_TABLE).get(clientOrderId)?.strategy ?? null;

/** The fills applied to the ledger as it is at the write; the trades they close appended to the risk book. */
async function apply(deps: Deps, fills: readonly LedgerFill[]): Promise<ClosedTrade[]> {
  const commission = deps.config.scanner.commission_per_share;
  const closed = await updateLedger(deps.store, (ledger) => {
    if (ledger === undefined) return { ledger: null, result: [] };
    const trades: ClosedTrade[] = [];
    let next: Ledger = ledger;
    for (const f of fills) {
      const step = applyFill(next, f, commission);
      next = step.ledger;
      if (step.closed !== null) trades.push(step.closed);
    }
    const tsUpdated = Math.max(ledger.tsUpdated, ...fills.map((f) => f.ts));
    return { ledger: { ...ledger, ...next, tsUpdated }, result: trades };
  });
  if (closed.length > 0)
    await updateRiskBook(deps.store, nyDate(deps.clock.now()), (book) => ({
      book: { ...book, closedTrades: [...book.closedTrades, ...closed].slice(-MAX_CLOSED_TRADES) },
      result: undefined,
    }));
  return closed;
}

/** One fill the daemon received; nothing before the ledger exists (the first audit starts it from the broker). */
export async function ledgerFill(deps: Deps, f: FillReceived): Promise<ClosedTrade[]> {
  const ledger = readLedger(deps.store);
  if (ledger === undefined) return [];
  const strategy = f.side === 'buy' ? strategyOf(deps, f.clientOrderId) : null;
  return apply(deps, [
    { symbol: f.symbol, side: f.side, price: f.price, qty: f.qty, ts: f.tsEvent, strategy },
  ]);
}

/** At the daemon's first audit: a new ledger from the broker, or the broker's fills since the ledger's last one applied. */
export async function startLedger(deps: Deps): Promise<ClosedTrade[]> {
  const now = deps.clock.now();
  const ledger = readLedger(deps.store);
  if (ledger === undefined) {
    const fresh: LocalLedger = {
      ...(await brokerLedger(deps.broker, undefined)),
      tsReconciled: now,
      tsUpdated: now,
    };
    await updateLedger(deps.store, (cur) => ({
      ledger: cur === undefined ? fresh : null,
      result: undefined,
    }));
    return [];
  }
  return apply(deps, await missedFills(deps, ledger.tsUpdated));
}

/** The broker's fills after `ts` (exclusive), as the ledger takes them. */
export async function missedFills(deps: Deps, ts: number): Promise<LedgerFill[]> {
  const missed = await deps.broker.listFills({ after: ts });
  return missed.map((f) => ({
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    qty: f.qty,
    ts: f.tsTransaction,
    strategy: null,
  }));
}
