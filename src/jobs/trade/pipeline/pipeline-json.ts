/**
 * @module The pipeline part of `strikeline trade --json` (the contract of issue 14): each candidate's stage,
 * reason and size factors, the regime, and the funnel counts.
 */
import type { FunnelCounts } from '../../../records/funnel-log.ts';
import type { PipelineCandidate, RegimeReading } from './pipeline-candidate.ts';

export interface PipelineJson {
  readonly candidates: readonly Record<string, unknown>[];
  readonly regime: { readonly vix: number; readonly name: string; readonly heat_limit_pct: number };
  readonly funnel: FunnelCounts;
}

const round = (x: number, places = 4): number => Math.round(x * 10 ** places) / 10 ** places;

export function pipelineJson(
  regime: RegimeReading,
  candidates: readonly PipelineCandidate[],
  funnel: FunnelCounts,
): PipelineJson {
  return {
    candidates: candidates.map((c) => ({
      ticker: c.signal.ticker,
      strategy: c.signal.strategy,
      accepted: c.accepted,
      stage: c.stage,
      reason_code: c.reasonCode,
      details: c.details,
      size: {
        limit_notional: c.size.limit_notional,
        regime_scalar: c.size.regime_scalar,
        correlation_multiplier: round(c.size.correlation_multiplier),
        risk_scalar: c.size.risk_scalar,
        final_notional: c.size.final_notional,
      },
    })),
    regime: { vix: round(regime.vix, 2), name: regime.name, heat_limit_pct: regime.heatLimitPct },
    funnel: { ...funnel },
  };
}
