/**
 * @module `strikeline trade --json`: the run's outcome as one object. `kind` says how it ended (`done`, `closed`,
 * `refused`, `breaker`); a done run lists one entry per ranked signal with what was done and why (docs/daily-jobs.md).
 */
import type { Outcome } from './execute-entries.ts';
import type { PlanItem } from './plan-entries.ts';
import type { TradeJobResult } from './trade-job.ts';
import { pipelineJson } from './pipeline/pipeline-json.ts';

type Done = Extract<TradeJobResult, { kind: 'done' }>;

export interface TradeEntryJson {
  readonly rank: number;
  readonly ticker: string;
  readonly strategy: string;
  /** buy: sized for an order; skip: not a candidate today; reject: refused by sizing (too small, no price...). */
  readonly plan: PlanItem['kind'];
  /** What became of a buy: `planned` in a dry run, else the order's outcome; null for skip and reject. */
  readonly status: Outcome['status'] | 'planned' | null;
  readonly clientOrderId: string | null;
  readonly notional: number | null;
  readonly qty: number | null;
  readonly price: number | null;
  readonly allocation: number | null;
  readonly fractionable: boolean | null;
  /** Whole shares after the broker refused a fractional order. */
  readonly fallback: boolean;
  readonly order: { readonly id: string; readonly status: string } | null;
  readonly reason: string;
}

function entryJson(item: PlanItem, outcome: Outcome | undefined): TradeEntryJson {
  const s = item.signal;
  const head = { rank: s.rank, ticker: s.ticker, strategy: s.strategy, plan: item.kind };
  if (item.kind !== 'buy') {
    return {
      ...head,
      status: null,
      clientOrderId: null,
      notional: null,
      qty: null,
      price: null,
      allocation: null,
      fractionable: null,
      fallback: false,
      order: null,
      reason: item.reason,
    };
  }
  const sized = outcome ?? item;
  return {
    ...head,
    status: outcome?.status ?? 'planned',
    clientOrderId: outcome?.clientOrderId ?? item.clientOrderId,
    notional: sized.notional ?? null,
    qty: sized.qty ?? null,
    price: item.price,
    allocation: item.allocation,
    fractionable: item.fractionable,
    fallback: outcome?.fallback ?? false,
    order:
      outcome?.order === undefined ? null : { id: outcome.order.id, status: outcome.order.status },
    reason: outcome?.reason ?? 'dry run: nothing sent',
  };
}

function doneJson(r: Done): Record<string, unknown> {
  const byEntry = new Map(r.outcomes.map((o) => [o.entry.clientOrderId, o]));
  return {
    kind: r.kind,
    day: r.day,
    dryRun: r.dryRun,
    allocation: r.allocation,
    entries: r.items.map((i) =>
      entryJson(i, i.kind === 'buy' && !r.dryRun ? byEntry.get(i.clientOrderId) : undefined),
    ),
    csvProblems: r.csvProblems,
    ...pipelineJson(r.regime, r.candidates, r.funnel.funnel),
  };
}

export function tradeResultJson(r: TradeJobResult): Record<string, unknown> {
  switch (r.kind) {
    case 'done':
      return doneJson(r);
    case 'closed':
    case 'refused':
      return { kind: r.kind, message: r.message };
    case 'breaker':
      return { kind: r.kind, message: r.message, cancelled: r.cancelled, dryRun: r.dryRun };
  }
}
