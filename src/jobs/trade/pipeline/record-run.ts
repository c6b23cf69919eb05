/**
 * @module After a live trade run: each candidate's final word (an order the broker refused or the authority stopped
 * is not executed), then the regime log, the funnel (LMDB and data/funnel/), the pending book and the events
 * SIGNAL_GENERATED / SIGNAL_REJECTED. A dry run only computes the final words: it writes nothing.
 */
import type { EventSink } from '../../../domain/ports.ts';
import type { Store } from '../../../domain/store.ts';
import { regimeChange } from '../../../domain/rules/pipeline/vix-regime.ts';
import { recordFunnelRun, type FunnelRun } from '../../../records/funnel-log.ts';
import { appendRegimeChange, lastRegime } from '../../../records/regime-log.ts';
import type { Outcome } from '../execute-entries.ts';
import { funnelOf, type Funnel } from './funnel-counts.ts';
import { settlePending, type PendingChange } from './pending-book.ts';
import type { PipelineCandidate, RegimeReading } from './pipeline-candidate.ts';

const SENT: ReadonlySet<Outcome['status']> = new Set([
  'submitted',
  'resolved',
  'already_submitted',
]);
const CODE: Partial<Record<Outcome['status'], string>> = {
  rejected: 'broker_rejected',
  stopped: 'risk_state',
  unknown: 'outcome_unknown',
};

/** Candidates with this run's outcomes folded in (none in a dry run: accepted ones would be sent). */
export function withOutcomes(
  candidates: readonly PipelineCandidate[],
  outcomes: readonly Outcome[] | null,
): PipelineCandidate[] {
  if (outcomes === null) return [...candidates];
  const byId = new Map(outcomes.map((o) => [o.entry.clientOrderId, o]));
  return candidates.map((c) => {
    const o = c.entry === undefined ? undefined : byId.get(c.entry.clientOrderId);
    if (o === undefined || SENT.has(o.status)) return c;
    return {
      ...c,
      accepted: false,
      stage: 'executed',
      reasonCode: CODE[o.status] ?? o.status,
      reason: o.reason,
    };
  });
}

export interface RecordDeps {
  readonly store: Store;
  readonly events: EventSink;
  readonly funnelDir: string | undefined;
  readonly pendingDays: number;
}

export interface RecordedRun extends Funnel {
  readonly pending: readonly PendingChange[];
}

export async function recordRun(
  d: RecordDeps,
  day: string,
  ts: number,
  regime: RegimeReading,
  candidates: readonly PipelineCandidate[],
): Promise<RecordedRun> {
  const change = regimeChange(lastRegime(d.store), regime, ts);
  if (change !== undefined) {
    await appendRegimeChange(d.store, change);
    d.events.emit('REGIME_CHANGED', { ...change, source: regime.source });
  }
  const funnel = funnelOf(candidates);
  const run: FunnelRun = {
    day,
    ts,
    regime: {
      vix: regime.vix,
      name: regime.name,
      heat_limit_pct: regime.heatLimitPct,
      source: regime.source,
    },
    funnel: funnel.funnel,
    by_strategy: funnel.byStrategy,
    rejections: funnel.rejections,
    executed: candidates
      .filter((c) => c.accepted)
      .map((c) => ({
        ticker: c.signal.ticker,
        strategy: c.signal.strategy,
        notional: c.size.final_notional,
      })),
  };
  await recordFunnelRun(d.store, run, d.funnelDir);
  const entered = new Set(candidates.filter((c) => c.accepted).map((c) => c.signal.ticker));
  const pending = await settlePending(d.store, day, d.pendingDays, candidates, entered);
  for (const c of candidates) {
    d.events.emit('SIGNAL_GENERATED', {
      ticker: c.signal.ticker,
      strategy: c.signal.strategy,
      source: c.source,
      stage: 'raw',
    });
    if (!c.accepted)
      d.events.emit('SIGNAL_REJECTED', {
        ticker: c.signal.ticker,
        strategy: c.signal.strategy,
        stage: c.stage,
        reason_code: c.reasonCode,
        details: c.details,
        reason: c.reason,
      });
  }
  for (const p of pending.filter((x) => x.status === 'expired'))
    d.events.emit('SIGNAL_REJECTED', {
      ticker: p.ticker,
      strategy: p.strategy,
      stage: 'risk',
      reason_code: 'pending_expired',
      details: null,
      reason: p.reason,
    });
  return { ...funnel, pending };
}
