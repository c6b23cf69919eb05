/** @module The risk authority's vocabulary (seeds 001 and 002): breakers, their limits, and one trip as persisted. */

export const ACCOUNT_SCOPE = 'account';

export type BreakerName =
  | 'daily_loss'
  | 'drawdown'
  | 'rapid_loss'
  | 'consecutive_losses'
  | 'strategy_loss'
  | 'reconciliation'
  | 'daily_drawdown_kill'
  | 'consecutive_failures'
  | 'rejection_rate'
  | 'manual';

/** Every breaker, in the order `strikeline risk` lists them (the kill conditions after the breakers). */
export const BREAKER_NAMES: readonly BreakerName[] = [
  'daily_loss',
  'drawdown',
  'rapid_loss',
  'consecutive_losses',
  'strategy_loss',
  'reconciliation',
  'daily_drawdown_kill',
  'consecutive_failures',
  'rejection_rate',
  'manual',
];

/**
 * What a trip does: `halt` stops every entry (the account is HALTED), `reduce` scales entries (REDUCING),
 * `pause` and `disable` stop one strategy's entries.
 */
export type BreakerAction = 'halt' | 'reduce' | 'pause' | 'disable';

/** The kill conditions: they latch until `strikeline resume --ack` and engage the kill switch. */
export const KILL_CONDITIONS: ReadonlySet<BreakerName> = new Set([
  'reconciliation',
  'daily_drawdown_kill',
  'consecutive_failures',
  'rejection_rate',
]);

/** One breaker's trip (the seeds' circuit_breaker_state row). */
export interface BreakerTrip {
  readonly name: BreakerName;
  /** `account`, or the strategy it pauses or disables. */
  readonly scope: string;
  readonly action: BreakerAction;
  readonly tsTriggered: number;
  /** Epoch ms it ends by itself; null: until its condition clears (drawdown) or until resumed (kills). */
  readonly tsExpires: number | null;
  readonly reason: string;
  readonly value: number | null;
  readonly threshold: number | null;
  /** Drawdown: lifted as soon as a measurement no longer trips it. */
  readonly whileCondition: boolean;
  /** Tripped on the daemon's live estimate of equity: the next account poll confirms it (then false) or lifts it. */
  readonly estimated?: boolean;
}

/** A breaker's last measurement, tripped or not: what `strikeline risk` shows against its threshold. */
export interface Measurement {
  readonly name: BreakerName;
  readonly scope: string;
  readonly value: number | null;
  readonly threshold: number;
  readonly tripped: boolean;
}

/** The `circuit_breakers:` section in the rules' units (fractions of 1 are percentages / 100; times in ms). */
export interface RiskLimits {
  readonly dailyLossPct: number;
  readonly drawdownPct: number;
  readonly drawdownScale: number;
  readonly rapidLossPct: number;
  readonly rapidLossWindowMs: number;
  readonly rapidLossPauseMs: number;
  readonly consecutiveLosses: number;
  readonly consecutiveLossesPauseMs: number;
  readonly strategyLossPct: number;
  readonly strategyLossDisableMs: number;
  readonly killDailyDrawdownPct: number;
  readonly killConsecutiveFailures: number;
  readonly killRejectionRatePct: number;
  readonly killRejectionMinCount: number;
  readonly reconciliationTolerancePct: number;
  /** The daemon's live-equity checks between polls: at most one per this long. */
  readonly liveEquityIntervalMs: number;
}

export const tripKey = (t: { name: BreakerName; scope: string }): string => `${t.name}:${t.scope}`;

/** Percentages as the reasons print them: 2.13%. */
export const pct = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
