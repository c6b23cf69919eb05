/** @module One signal's way through the pipeline (raw -> regime -> correlation -> risk -> executed), and the run's whole. */
import type { Regime } from '../../../domain/rules/pipeline/vix-regime.ts';
import type { SizeFactors } from '../../../domain/rules/pipeline/entry-size.ts';
import type { FunnelStage } from '../../../records/funnel-log.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import type { Entry } from '../plan-entries.ts';

export type SignalSource = 'csv' | 'pending';

/** Reason codes whose block is temporary: the signal is kept as pending and retried (seed 002). */
export const PENDING_CODES: ReadonlySet<string> = new Set([
  'risk_state',
  'max_positions',
  'strategy_max_positions',
  'strategy_allocation_used',
  'heat_limit',
  'insufficient_cash',
]);

export const NO_SIZE: SizeFactors = {
  limit_notional: 0,
  regime_scalar: 1,
  correlation_multiplier: 1,
  risk_scalar: 1,
  final_notional: 0,
};

export interface PipelineCandidate {
  readonly signal: RankedSignal;
  readonly source: SignalSource;
  readonly accepted: boolean;
  /** Where it was stopped; `executed` when accepted. */
  readonly stage: FunnelStage;
  readonly reasonCode: string | null;
  /** The sentence for people (the table, the journal, data/rejected_tickers). */
  readonly reason: string | null;
  readonly details: Record<string, unknown> | null;
  readonly size: SizeFactors;
  /** The order to send, when accepted. */
  readonly entry?: Entry;
  /** A sizing refusal (below the $1 minimum, less than one share, no price): a plan `reject`, not a `skip`. */
  readonly sizingReject?: boolean;
}

export interface RegimeReading extends Regime {
  readonly source: string;
}

export interface PipelineResult {
  readonly regime: RegimeReading;
  readonly candidates: readonly PipelineCandidate[];
}

export function rejected(
  signal: RankedSignal,
  source: SignalSource,
  stage: FunnelStage,
  reasonCode: string,
  reason: string,
  details: Record<string, unknown> | null = null,
  size: SizeFactors = NO_SIZE,
  sizingReject = false,
): PipelineCandidate {
  return {
    signal,
    source,
    accepted: false,
    stage,
    reasonCode,
    reason,
    details,
    size,
    ...(sizingReject ? { sizingReject } : {}),
  };
}
