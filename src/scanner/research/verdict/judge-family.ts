/**
 * @module The verdict across a family of tries: every strategy x ticker of one scan is one hypothesis test;
 * Benjamini–Hochberg turns their p-values into q-values, and a try is PROFITABLE only when it has enough
 * out-of-sample trades, a mean excess return over buy-and-hold above the minimum, a drawdown within the
 * limit, and q <= the false-discovery rate. The reason names the first rule that failed.
 */
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import type { VerdictEvidence } from './verdict-evidence.ts';
import type { VerdictRules } from './verdict-rules.ts';

export type Verdict = 'PROFITABLE' | 'UNPROFITABLE';

export const VERDICT_REASONS = [
  'edge',
  'too_few_trades',
  'no_excess_return',
  'drawdown',
  'not_significant',
] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

export interface VerdictDecision {
  readonly verdict: Verdict;
  readonly reason: VerdictReason;
  /** Benjamini–Hochberg adjusted p-value within the family. */
  readonly qValue: number;
  /** How many tries the family held (the m of the correction). */
  readonly familySize: number;
}

export interface Judged {
  readonly evidence: VerdictEvidence;
  /** The out-of-sample equity's max drawdown, percent. */
  readonly maxDrawdownPct: number;
}

/** The rules that do not depend on the rest of the family; null when all of them pass. */
export function localFailure(x: Judged, rules: VerdictRules): VerdictReason | null {
  if (x.evidence.trades < rules.minTrades) return 'too_few_trades';
  if (!(x.evidence.excessReturnPct > rules.minExcessReturnPct)) return 'no_excess_return';
  if (x.maxDrawdownPct > rules.maxDrawdownPct) return 'drawdown';
  return null;
}

export function judgeFamily(family: readonly Judged[], rules: VerdictRules): VerdictDecision[] {
  const q = benjaminiHochberg(family.map((x) => x.evidence.pValue));
  return family.map((x, i) => {
    const qValue = q[i] ?? 1;
    const failed = localFailure(x, rules) ?? (qValue <= rules.fdr ? null : 'not_significant');
    return {
      verdict: failed === null ? 'PROFITABLE' : 'UNPROFITABLE',
      reason: failed ?? 'edge',
      qValue,
      familySize: family.length,
    };
  });
}
