/**
 * @module The risk authority in `strikeline trade`: before planning and before every entry, the account
 * breakers and kill conditions are measured from the broker's account, the reconciliation gate compares the
 * daemon's ledger with the broker, and the state (persisted, except in a dry run) says HALTED, REDUCING or ACTIVE.
 */
import type { AccountReport } from '../../domain/account.ts';
import type { Broker, Logger, Mailer } from '../../domain/ports.ts';
import { measureAccountPoll } from '../../domain/rules/risk/account-poll.ts';
import type { RiskLimits } from '../../domain/rules/risk/breaker.ts';
import { orderBreakers, type OrderOutcomeKind } from '../../domain/rules/risk/order-breakers.ts';
import {
  describeDiscrepancy,
  reconciliationBreaker,
  type Reconciliation,
} from '../../domain/rules/risk/reconcile.ts';
import {
  applyEvaluation,
  type RiskBook,
  type RiskChange,
} from '../../domain/rules/risk/risk-book.ts';
import { riskView, type ManualHalt, type RiskView } from '../../domain/rules/risk/risk-view.ts';
import type { Store } from '../../domain/store.ts';
import { commitRiskChange, type RiskEventSink } from '../../procedures/publish-risk-change.ts';
import { reconcileLedger } from '../../procedures/reconcile-ledger.ts';
import { recordOrderOutcome as recordOutcome } from '../../procedures/record-order-outcome.ts';
import { readRiskBook } from '../../records/risk-state.ts';

export interface RiskGateDeps {
  readonly broker: Broker;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly events: RiskEventSink;
  readonly log: Logger;
  readonly limits: RiskLimits;
  readonly manual: ManualHalt;
  readonly dryRun: boolean;
  readonly now: () => number;
  readonly day: string;
  /** When today's session closes: the daily-loss halt lasts until then. */
  readonly tsSessionEnd: number;
  /** A failed reconciliation is checked once more after this long (a fill the ledger has not seen yet). */
  readonly recheckMs: number;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function reconciliation(
  account: AccountReport,
  d: RiskGateDeps,
): Promise<Reconciliation | null> {
  // Only the daemon writes the ledger (it sees every fill); the trader compares and never adopts.
  const options = {
    tolerancePct: d.limits.reconciliationTolerancePct,
    adopt: false,
    initialize: false,
  };
  const first = await reconcileLedger(d.broker, d.store, { ...options, now: d.now() }, account);
  const result =
    first === null || first.ok
      ? first
      : (await wait(d.recheckMs),
        await reconcileLedger(d.broker, d.store, { ...options, now: d.now() }));
  d.events.emit('RECONCILIATION_CHECK', {
    status: result === null ? 'skipped' : result.ok ? 'PASS' : 'FAIL',
    reason: result === null ? 'no local ledger yet: the daemon starts it' : undefined,
    discrepancies: result?.discrepancies.map(describeDiscrepancy) ?? [],
    tolerance_pct: d.limits.reconciliationTolerancePct,
  });
  return result;
}

/** Measures the account breakers, the order kills and the reconciliation; folds and (live) publishes them. */
export async function assessRisk(account: AccountReport, d: RiskGateDeps): Promise<RiskView> {
  const rec = await reconciliation(account, d);
  const now = d.now();
  // Folded on the book as it is at the write: the daemon may change it meanwhile (its own counts, a trip).
  const fold = (book: RiskBook): RiskChange => {
    const orders =
      book.orders.day === d.day
        ? book.orders
        : { day: d.day, sent: 0, rejected: 0, consecutiveFailures: 0 };
    const polled = measureAccountPoll(book, account, now, d.tsSessionEnd, d.limits);
    const evaluations = [
      polled.evaluation,
      orderBreakers(orders, now, d.limits),
      reconciliationBreaker(rec, now, d.limits.reconciliationTolerancePct),
    ];
    const measured = { ...polled.book, orders };
    return applyEvaluation(
      measured,
      {
        measurements: evaluations.flatMap((e) => e.measurements),
        trips: evaluations.flatMap((e) => e.trips),
      },
      now,
      d.day,
    );
  };
  const change = d.dryRun
    ? fold(readRiskBook(d.store, d.day))
    : await commitRiskChange(fold, now, { ...d, actor: 'trade' });
  return riskView(change.book, now, d.limits.drawdownScale, d.manual);
}

/** Folds one order outcome of this run into the day's counts; the order kills may trip on it. */
export async function recordOrderOutcome(kind: OrderOutcomeKind, d: RiskGateDeps): Promise<void> {
  await recordOutcome(kind, undefined, { ...d, actor: 'trade', now: d.now(), day: d.day });
}

/** HALTED: the day's pending entries (open buys) are cancelled; protective sells stay. Resolves how many. */
export async function cancelPendingEntries(d: RiskGateDeps, reason: string): Promise<number> {
  const open = (await d.broker.listOrders({ status: 'open', limit: 500 })).filter(
    (o) => o.side === 'buy',
  );
  for (const o of open) await d.broker.cancelOrder(o.id);
  if (open.length > 0)
    await d.store.journal.append({
      ts: d.now(),
      actor: 'trade',
      action: 'entries_cancelled',
      reason,
      data: {
        orders: open.map((o) => ({ id: o.id, symbol: o.symbol, clientOrderId: o.clientOrderId })),
      },
    });
  return open.length;
}
