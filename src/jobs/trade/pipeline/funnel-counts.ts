/** @module The funnel of a run, pure: how many signals reached each stage, overall and per strategy, and each rejection. */
import {
  FUNNEL_STAGES,
  type FunnelCounts,
  type FunnelRejection,
  type FunnelStage,
} from '../../../records/funnel-log.ts';
import type { PipelineCandidate } from './pipeline-candidate.ts';

const zero = (): Record<FunnelStage, number> => ({
  raw: 0,
  regime: 0,
  correlation: 0,
  risk: 0,
  executed: 0,
});

/** A candidate counts at every stage it passed; a rejected one also at the stage that stopped it, but not beyond. */
function count(into: Record<FunnelStage, number>, c: PipelineCandidate): void {
  const reached = c.accepted ? FUNNEL_STAGES.length : FUNNEL_STAGES.indexOf(c.stage);
  // raw counts every signal; stage k > 0 counts those that passed stage k.
  into.raw += 1;
  for (let k = 1; k < FUNNEL_STAGES.length; k += 1) {
    const stage = FUNNEL_STAGES[k];
    if (stage !== undefined && k < reached) into[stage] += 1;
  }
}

export interface Funnel {
  readonly funnel: FunnelCounts;
  readonly byStrategy: Readonly<Record<string, FunnelCounts>>;
  readonly rejections: readonly FunnelRejection[];
}

export function funnelOf(candidates: readonly PipelineCandidate[]): Funnel {
  const all = zero();
  const by: Record<string, Record<FunnelStage, number>> = {};
  for (const c of candidates) {
    count(all, c);
    count((by[c.signal.strategy] ??= zero()), c);
  }
  const rejections = candidates
    .filter((c) => !c.accepted)
    .map((c): FunnelRejection => ({
      ticker: c.signal.ticker,
      strategy: c.signal.strategy,
      stage: c.stage,
      reason_code: c.reasonCode ?? 'rejected',
      reason: c.reason ?? '',
      details: c.details,
    }));
  return { funnel: all, byStrategy: by, rejections };
}
