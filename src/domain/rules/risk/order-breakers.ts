/**
 * @module The order kill conditions, pure: consecutive order failures (a rejection or an unclear outcome; an
 * accepted order resets the run) and the day's rejection rate once enough orders were rejected.
 */
import {
  ACCOUNT_SCOPE,
  pct,
  type BreakerTrip,
  type Measurement,
  type RiskLimits,
} from './breaker.ts';
import type { Evaluation } from './account-breakers.ts';

/** The day's order outcomes, folded. */
export interface OrderStats {
  /** New York day (YYYY-MM-DD) the counts belong to. */
  readonly day: string;
  readonly sent: number;
  readonly rejected: number;
  readonly consecutiveFailures: number;
}

export type OrderOutcomeKind = 'accepted' | 'rejected' | 'unknown';

export const emptyOrderStats = (day: string): OrderStats => ({
  day,
  sent: 0,
  rejected: 0,
  consecutiveFailures: 0,
});

/** Folds one order outcome into the day's stats; a new day starts from zero. */
export function applyOrderOutcome(
  s: OrderStats,
  day: string,
  outcome: OrderOutcomeKind,
): OrderStats {
  const base = s.day === day ? s : emptyOrderStats(day);
  return {
    day,
    sent: base.sent + 1,
    rejected: base.rejected + (outcome === 'rejected' ? 1 : 0),
    consecutiveFailures: outcome === 'accepted' ? 0 : base.consecutiveFailures + 1,
  };
}

/**
 * A later word on an order already counted (the daemon's protective and exit orders): an accepted order rejected by the
 * broker afterwards is one more rejection and failure; an unclear one found placed ends the run of failures. It was
 * sent once, so `sent` does not move.
 */
export function reviseOrderOutcome(
  s: OrderStats,
  day: string,
  from: OrderOutcomeKind,
  to: OrderOutcomeKind,
): OrderStats {
  if (s.day !== day) return applyOrderOutcome(s, day, to);
  if (from === to) return s;
  if (to === 'rejected' && from !== 'rejected')
    return {
      ...s,
      rejected: s.rejected + 1,
      consecutiveFailures: from === 'accepted' ? s.consecutiveFailures + 1 : s.consecutiveFailures,
    };
  if (to === 'accepted' && from === 'unknown') return { ...s, consecutiveFailures: 0 };
  return s;
}

export function orderBreakers(s: OrderStats, now: number, l: RiskLimits): Evaluation {
  const rate = s.sent > 0 ? s.rejected / s.sent : 0;
  const failures: Measurement = {
    name: 'consecutive_failures',
    scope: ACCOUNT_SCOPE,
    value: s.consecutiveFailures,
    threshold: l.killConsecutiveFailures,
    tripped: s.consecutiveFailures >= l.killConsecutiveFailures,
  };
  const rejection: Measurement = {
    name: 'rejection_rate',
    scope: ACCOUNT_SCOPE,
    value: rate,
    threshold: l.killRejectionRatePct / 100,
    tripped: s.rejected >= l.killRejectionMinCount && rate > l.killRejectionRatePct / 100,
  };
  const kill = (m: Measurement, reason: string): BreakerTrip => ({
    name: m.name,
    scope: ACCOUNT_SCOPE,
    action: 'halt',
    tsTriggered: now,
    tsExpires: null,
    reason,
    value: m.value,
    threshold: m.threshold,
    whileCondition: false,
  });
  const trips: BreakerTrip[] = [];
  if (failures.tripped)
    trips.push(
      kill(
        failures,
        `kill switch: ${s.consecutiveFailures} order failures in a row (limit ${l.killConsecutiveFailures})`,
      ),
    );
  if (rejection.tripped)
    trips.push(
      kill(
        rejection,
        `kill switch: ${s.rejected} of ${s.sent} orders rejected today, ${pct(rate)} (limit ${l.killRejectionRatePct}% with at least ${l.killRejectionMinCount})`,
      ),
    );
  return { measurements: [failures, rejection], trips };
}
