/**
 * @module One live evaluation of the risk authority in the daemon: the account (live equity from the broker's
 * account, positions at their latest trades), the strategies (closed trades in the book), the reconciliation of
 * the ledger with the broker; folded into the persisted state and published (journal, event, alert).
 */
import { riskLimitsOf } from '../../config/risk-limits.ts';
import { measureAccountPoll } from '../../domain/rules/risk/account-poll.ts';
import { bookOfLedger, brokerLedger } from '../../procedures/reconcile-ledger.ts';
import {
  describeDiscrepancy,
  reconcile,
  reconciliationBreaker,
  type Reconciliation,
} from '../../domain/rules/risk/reconcile.ts';
import {
  applyEvaluation,
  type RiskBook,
  type RiskChange,
} from '../../domain/rules/risk/risk-book.ts';
import { confirmEstimates } from '../../domain/rules/risk/estimate-trips.ts';
import { basisOfPoll, type LiveBasis } from '../../domain/rules/risk/live-equity.ts';
import { strategyBreakers } from '../../domain/rules/risk/strategy-breakers.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { nyToEpoch } from '../../domain/time/ny-time.ts';
import { commitRiskChange } from '../../procedures/publish-risk-change.ts';
import { readLedger, updateLedger } from '../../records/risk-state.ts';
import { applyFill, type Ledger } from '../../domain/rules/risk/ledger.ts';
import { missedFills } from './live-ledger.ts';
import { capitalLimit } from '../../config/capital-limit.ts';
import { equityBaseOf } from '../../domain/rules/allocation.ts';
import type { Deps } from '../deps.ts';

/**
 * A discrepancy trips the kill only when consecutive audits found it for at least this long: a fill whose trade
 * update is still on its way (behind the protective orders it prompts) explains a moment, not half a minute.
 */
export const RECONCILE_PERSIST_MS = 30_000;

/**
 * Reconciles the ledger; when the shares agree exactly, cash and costs are brought to the broker's. A ledger
 * behind the broker only by fills whose trade updates are still on their way is not a discrepancy: the broker's
 * own fills since the ledger's last one are applied (in memory) before it is judged.
 */
async function reconcileLive(
  deps: Deps,
  tolerancePct: number,
  now: number,
): Promise<Reconciliation | null> {
  const ledger = readLedger(deps.store);
  if (ledger === undefined) return null;
  const theirs = await brokerLedger(deps.broker, ledger);
  const direct = reconcile(bookOfLedger(ledger), bookOfLedger(theirs), tolerancePct);
  const caughtUp = direct.ok
    ? ledger
    : (await missedFills(deps, ledger.tsUpdated)).reduce<Ledger>(
        (l, f) => applyFill(l, f, 0).ledger,
        ledger,
      );
  const result = direct.ok
    ? direct
    : reconcile(bookOfLedger(caughtUp), bookOfLedger(theirs), tolerancePct);
  const sharesAgree = reconcile(
    bookOfLedger(ledger),
    { ...bookOfLedger(theirs), cash: ledger.cash },
    0,
  ).ok;
  // Taken only if no fill moved the ledger meanwhile (it would have changed what was compared).
  if (result.ok && sharesAgree)
    await updateLedger(deps.store, (cur) => ({
      ledger:
        cur?.tsUpdated === ledger.tsUpdated
          ? { ...cur, cash: theirs.cash, lots: theirs.lots, tsReconciled: now }
          : null,
      result: undefined,
    }));
  return result;
}

export interface LiveState {
  /** When the audits began to find the ledger and the broker apart (null: they agree). */
  readonly tsApart: number | null;
  /** The last poll's equity and positions, the live estimate's starting point (null before the first poll). */
  readonly basis: LiveBasis | null;
  /** When the session the poll found ends (the daily-loss halt lasts until then; now when closed). */
  readonly tsSessionEnd: number;
}

export const initialLiveState: LiveState = { tsApart: null, basis: null, tsSessionEnd: 0 };

/**
 * The account, the strategies and the reconciliation measured now; resolves the state to carry to the next audit.
 * The poll is the check on the live estimate: its equity replaces the estimate, and it confirms or lifts what the
 * estimate tripped. `atPoll`: when it was asked, in the order the risk stream learns things (see live-equity.ts).
 */
export async function evaluateLive(
  deps: Deps,
  s: LiveState,
  atPoll: number,
  tradingCapital?: number,
  actor = 'daemon',
): Promise<{ state: LiveState; change: RiskChange }> {
  const limits = riskLimitsOf(deps.config);
  const [account, clock, positions] = await Promise.all([
    deps.broker.getAccount(),
    deps.broker.getClock(),
    deps.broker.listPositions(),
  ]);
  const now = deps.clock.now();
  const day = nyDate(now);
  const rec = await reconcileLive(deps, limits.reconciliationTolerancePct, now);
  const tsApart = rec === null || rec.ok ? null : (s.tsApart ?? now);
  const persisted = tsApart !== null && now - tsApart >= RECONCILE_PERSIST_MS;
  if (rec !== null)
    deps.events.emit('RECONCILIATION_CHECK', {
      status: rec.ok ? 'PASS' : persisted ? 'FAIL' : 'PENDING',
      apart_since: tsApart === null ? null : new Date(tsApart).toISOString(),
      discrepancies: rec.discrepancies.map(describeDiscrepancy),
      tolerance_pct: limits.reconciliationTolerancePct,
    });
  const sessionEnd = clock.isOpen ? clock.tsNextClose : now;
  // A strategy's allocation is its share of the equity `trade` sizes with (the account's, capped by the capital
  // limit): strategy_loss then measures a loss against the money the strategy could actually use.
  const capital = equityBaseOf(account.equity, capitalLimit(deps.config, tradingCapital));
  const allocations = new Map(
    Object.entries(deps.config.strategies).map(([name, st]) => [
      name,
      (capital * st.allocation_pct) / 100,
    ]),
  );
  // Measured on the book as it is at the write (`trade` may have changed it since).
  const fold = (book: RiskBook): RiskChange => {
    const polled = measureAccountPoll(book, account, now, sessionEnd, limits);
    const evaluations = [
      polled.evaluation,
      strategyBreakers(
        {
          now,
          trades: book.closedTrades,
          allocations,
          tsDayStart: nyToEpoch(day, '00:00'),
          lastTrip: new Map(Object.entries(book.lastTrip)),
        },
        limits,
      ),
      reconciliationBreaker(persisted ? rec : null, now, limits.reconciliationTolerancePct),
    ];
    const measured = polled.book;
    const measurements = evaluations.flatMap((e) => e.measurements);
    return confirmEstimates(
      applyEvaluation(
        measured,
        { measurements, trips: evaluations.flatMap((e) => e.trips) },
        now,
        day,
      ),
      measurements,
    );
  };
  const change = await commitRiskChange(fold, now, {
    store: deps.store,
    mailer: deps.mailer,
    events: deps.events,
    log: deps.log,
    actor,
    day,
  });
  const basis = basisOfPoll(
    account.equity,
    account.lastEquity,
    atPoll,
    positions.map((p) => ({ symbol: p.symbol, qty: p.qty, price: p.currentPrice })),
  );
  return { state: { tsApart, basis, tsSessionEnd: sessionEnd }, change };
}
