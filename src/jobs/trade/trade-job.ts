/**
 * @module `strikeline trade`: gates (halt, safety, calendar), the risk authority (breakers, kill conditions,
 * reconciliation), then the plan from the actionable CSV and the broker's account with each entry stopped or
 * scaled by the breakers, then the entries sent once each, the authority asked again before each (or only shown, dry run).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../../config/schema.ts';
import type { Broker, HaltSwitch, Logger, Mailer } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { parseActionableCsv } from '../rank/actionable-csv.ts';
import type { Allocation } from '../../domain/rules/allocation.ts';
import { executeEntries, type Outcome } from './execute-entries.ts';
import type { Entry, PlanItem } from './plan-entries.ts';
import { recordRejections } from '../../records/rejected-tickers.ts';
import { riskLimitsOf } from '../../config/risk-limits.ts';
import type { OrderOutcomeKind } from '../../domain/rules/risk/order-breakers.ts';
import { entryVerdict } from '../../domain/rules/risk/risk-view.ts';
import type { RiskEventSink } from '../../procedures/publish-risk-change.ts';
import { manualHalt } from '../ops/risk-report.ts';
import {
  assessRisk,
  cancelPendingEntries,
  recordOrderOutcome,
  type RiskGateDeps,
} from './risk-gate.ts';
import { killSwitchGate, safetyGate, sessionGate, type Stop } from './trade-gates.ts';
import { tradeRejections } from './trade-plan.ts';
import { planPipeline } from './pipeline/plan-pipeline.ts';
import type { PipelineCandidate, RegimeReading } from './pipeline/pipeline-candidate.ts';
import { funnelOf, type Funnel } from './pipeline/funnel-counts.ts';
import { recordRun, withOutcomes } from './pipeline/record-run.ts';

export interface TradeJobDeps {
  readonly broker: () => Broker;
  readonly store: () => Store;
  readonly mailer: () => Mailer;
  readonly events: RiskEventSink;
  readonly log: Logger;
  readonly config: Config;
  readonly csvPath: string;
  readonly killSwitch: HaltSwitch;
  readonly rejectedDir: string;
  /** Where the day's funnel file goes (data/funnel/); undefined: LMDB only. */
  readonly funnelDir?: string;
  readonly strategyDisabledList: readonly string[];
  readonly tradingCapital: number | undefined;
  readonly dryRun: boolean;
  /** Wall time, epoch ms; broker time is derived from the broker's clock plus elapsed wall time. */
  readonly wallNow: () => number;
  /** A failed reconciliation is checked once more after this long (default 2 s). */
  readonly reconcileRecheckMs?: number;
}

/** What this run's order outcome counts as for the order kill conditions (replays of earlier runs do not count). */
function outcomeKind(o: Outcome): OrderOutcomeKind | undefined {
  if (o.status === 'submitted') return 'accepted';
  if (o.status === 'unknown') return 'unknown';
  if (o.status === 'rejected' && !o.reason.startsWith('rejected earlier')) return 'rejected';
  return undefined;
}

export type TradeJobResult =
  | Stop
  | {
      readonly kind: 'done';
      readonly day: string;
      readonly dryRun: boolean;
      readonly allocation: Allocation;
      readonly items: readonly PlanItem[];
      readonly outcomes: readonly Outcome[];
      readonly csvProblems: readonly string[];
      /** The pipeline (issue 14): the regime, each signal's way and the funnel. */
      readonly regime: RegimeReading;
      readonly candidates: readonly PipelineCandidate[];
      readonly funnel: Funnel;
    };

export class MissingCsvError extends Error {
  override readonly name = 'MissingCsvError';
}

export async function runTradeJob(d: TradeJobDeps): Promise<TradeJobResult> {
  const refused = killSwitchGate(d.killSwitch) ?? safetyGate(d.store());
  if (refused !== undefined) return refused;
  const broker = d.broker();
  const session = await sessionGate(broker);
  if (session.kind !== 'session') return session;
  const wallAtClock = d.wallNow();
  const now = (): number => session.clock.tsNow + (d.wallNow() - wallAtClock);
  const account = await broker.getAccount();
  if (account.tradingBlocked)
    return {
      kind: 'refused',
      message: 'the broker reports trading_blocked on this account; nothing was sent',
    };
  const risk: RiskGateDeps = {
    broker,
    store: d.store(),
    mailer: d.mailer(),
    events: d.events,
    log: d.log,
    limits: riskLimitsOf(d.config),
    manual: manualHalt(d.killSwitch),
    dryRun: d.dryRun,
    now,
    day: session.day,
    tsSessionEnd: session.tsClose,
    recheckMs: d.reconcileRecheckMs ?? 2_000,
  };
  const view = await assessRisk(account, risk);
  if (view.state === 'HALTED' && !d.dryRun) {
    const why = view.breakers
      .filter((b) => b.tripped)
      .map((b) => `${b.name}${b.scope === 'account' ? '' : ` (${b.scope})`}: ${b.reason}`)
      .join('; ');
    const cancelled = await cancelPendingEntries(risk, `HALTED: ${why}`);
    return {
      kind: 'breaker',
      message: `trading is HALTED by the risk authority (${why}); nothing was sent, ${cancelled} pending entry orders cancelled. See: strikeline risk`,
      cancelled,
      dryRun: false,
    };
  }

  if (!existsSync(d.csvPath))
    throw new MissingCsvError(
      `no actionable signals at ${d.csvPath}: run strikeline rank first (or pass --csv PATH)`,
    );
  const csv = parseActionableCsv(readFileSync(d.csvPath, 'utf8'), d.csvPath);
  const store = d.store();
  const planned = await planPipeline(broker, {
    day: session.day,
    now: now(),
    signals: csv.rows,
    account,
    config: d.config,
    store,
    view,
    strategyDisabledList: d.strategyDisabledList,
    tradingCapital: d.tradingCapital,
  });
  const allocation = planned.allocation;
  const items = planned.items;
  const csvProblems = csv.problems.map((p) => p.reason);
  if (d.dryRun)
    return {
      kind: 'done',
      day: session.day,
      dryRun: true,
      allocation,
      items,
      outcomes: [],
      csvProblems,
      regime: planned.regime,
      candidates: planned.candidates,
      funnel: funnelOf(planned.candidates),
    };

  for (const item of items.filter((i) => i.kind !== 'buy')) {
    await store.journal.append({
      ts: now(),
      actor: 'trade',
      action: item.kind === 'skip' ? 'entry_skipped' : 'entry_rejected',
      reason: item.reason,
      symbol: item.signal.ticker,
      data: { strategy: item.signal.strategy },
    });
  }
  const outcomes = await executeEntries(
    items.filter((i): i is Entry => i.kind === 'buy'),
    {
      broker,
      store,
      log: d.log,
      now,
      // Before every entry: the account measured again; a breaker that trips meanwhile stops the rest.
      beforeEntry: async (entry) => {
        const v = entryVerdict(
          await assessRisk(await broker.getAccount(), risk),
          entry.signal.strategy,
        );
        return v.kind === 'stop' ? `stopped by ${v.reason}` : undefined;
      },
      afterOutcome: async (o) => {
        const kind = outcomeKind(o);
        if (kind !== undefined) await recordOrderOutcome(kind, risk);
      },
    },
  );
  recordRejections(
    d.rejectedDir,
    tradeRejections(session.day, d.csvPath, csv.problems, items, outcomes),
  );
  const candidates = withOutcomes(planned.candidates, outcomes);
  const funnel = await recordRun(
    {
      store,
      events: d.events,
      funnelDir: d.funnelDir,
      pendingDays: d.config.capital.pending_signal_days,
    },
    session.day,
    now(),
    planned.regime,
    candidates,
  );
  return {
    kind: 'done',
    day: session.day,
    dryRun: false,
    allocation,
    items,
    outcomes,
    csvProblems,
    regime: planned.regime,
    candidates,
    funnel,
  };
}
