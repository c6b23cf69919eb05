/** @module The seeds' breaker limits in the rules' units, and an arbitrary over their config ranges, for risk tests. */
import { fc } from '@fast-check/vitest';
import type { RiskLimits } from '../../src/domain/rules/risk/breaker.ts';

export const SEED_LIMITS: RiskLimits = {
  dailyLossPct: 2,
  drawdownPct: 15,
  drawdownScale: 0.5,
  rapidLossPct: 1,
  rapidLossWindowMs: 15 * 60_000,
  rapidLossPauseMs: 30 * 60_000,
  consecutiveLosses: 5,
  consecutiveLossesPauseMs: 4 * 3_600_000,
  strategyLossPct: 5,
  strategyLossDisableMs: 24 * 3_600_000,
  killDailyDrawdownPct: 5,
  killConsecutiveFailures: 3,
  killRejectionRatePct: 50,
  killRejectionMinCount: 5,
  reconciliationTolerancePct: 1,
  liveEquityIntervalMs: 1_000,
};

const lossPct = fc.double({ min: 0.01, max: 99, noNaN: true });
export const limitsArb: fc.Arbitrary<RiskLimits> = fc.record({
  dailyLossPct: lossPct,
  drawdownPct: lossPct,
  drawdownScale: fc.double({ min: 0.01, max: 1, noNaN: true }),
  rapidLossPct: lossPct,
  rapidLossWindowMs: fc.integer({ min: 1, max: 1_440 }).map((m) => m * 60_000),
  rapidLossPauseMs: fc.integer({ min: 1, max: 1_440 }).map((m) => m * 60_000),
  consecutiveLosses: fc.integer({ min: 1, max: 100 }),
  consecutiveLossesPauseMs: fc.integer({ min: 1, max: 720 }).map((h) => h * 3_600_000),
  strategyLossPct: lossPct,
  strategyLossDisableMs: fc.integer({ min: 1, max: 720 }).map((h) => h * 3_600_000),
  killDailyDrawdownPct: lossPct,
  killConsecutiveFailures: fc.integer({ min: 1, max: 100 }),
  killRejectionRatePct: fc.double({ min: 0.01, max: 100, noNaN: true }),
  killRejectionMinCount: fc.integer({ min: 1, max: 1_000 }),
  reconciliationTolerancePct: fc.double({ min: 0, max: 50, noNaN: true }),
  liveEquityIntervalMs: fc.integer({ min: 100, max: 60_000 }),
});
