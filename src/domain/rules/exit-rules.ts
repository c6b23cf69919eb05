/**
 * @module The exit rules of a long position, as pure functions shared by the daemon and the backtests:
 * hard stop and target (broker-side), break-even, trailing and time stop (soft, watched by the engine).
 */
import { price, roundToTick, type Price } from '../money.ts';

export interface ExitRuleOptions {
  readonly stopLossPct: number;
  readonly takeProfitPct: number;
  readonly breakEvenTriggerPct: number;
  readonly trailingTriggerPct: number;
  readonly trailingKeepPct: number;
  readonly timeStopDays: number;
}

export const DEFAULT_EXIT_RULES: ExitRuleOptions = {
  stopLossPct: 5,
  takeProfitPct: 20,
  breakEvenTriggerPct: 1.5,
  trailingTriggerPct: 2,
  trailingKeepPct: 50,
  timeStopDays: 7,
};

const DAY_MS = 86_400_000;

/** Hard stop at E x (1 - stop%), rounded down to a tick: never tighter than configured. */
export function hardStopPrice(entry: number, options: ExitRuleOptions = DEFAULT_EXIT_RULES): Price {
  return roundToTick(entry * (1 - options.stopLossPct / 100), 'down');
}

/** Hard target at E x (1 + target%), rounded up to a tick: never lower than configured. */
export function takeProfitPrice(entry: number, options: ExitRuleOptions = DEFAULT_EXIT_RULES): Price {
  return roundToTick(entry * (1 + options.takeProfitPct / 100), 'up');
}

/** What the soft exits need to know about one position. `highWater` is M, the highest trade since entry. */
export interface ExitState {
  readonly entryPrice: number;
  readonly tsEntry: number;
  readonly highWater: number;
}

export const openExitState = (entryPrice: number, tsEntry: number): ExitState => ({ entryPrice, tsEntry, highWater: entryPrice });

/** Folds one trade price into the state: M never decreases. */
export function applyTradePrice(state: ExitState, tradePrice: number): ExitState {
  return tradePrice > state.highWater ? { ...state, highWater: tradePrice } : state;
}

export function breakEvenArmed(state: ExitState, options: ExitRuleOptions = DEFAULT_EXIT_RULES): boolean {
  return state.highWater >= state.entryPrice * (1 + options.breakEvenTriggerPct / 100);
}

export function trailingArmed(state: ExitState, options: ExitRuleOptions = DEFAULT_EXIT_RULES): boolean {
  return state.highWater >= state.entryPrice * (1 + options.trailingTriggerPct / 100);
}

/** The price at or below which the position exits now, or null while no soft price rule is armed. */
export function softExitFloor(state: ExitState, options: ExitRuleOptions = DEFAULT_EXIT_RULES): Price | null {
  if (trailingArmed(state, options)) {
    return price(state.entryPrice + (options.trailingKeepPct / 100) * (state.highWater - state.entryPrice));
  }
  if (breakEvenArmed(state, options)) return price(state.entryPrice);
  return null;
}

export type SoftExitRule = 'trailing' | 'break_even' | 'time_stop';

export interface SoftExitDecision {
  readonly rule: SoftExitRule;
  /** The price that triggered it (the trade price; for a time stop, the last known price). */
  readonly price: number;
  /** The armed floor, for price rules. */
  readonly floor: number | null;
}

export function isTimeStopDue(state: ExitState, tsNow: number, options: ExitRuleOptions = DEFAULT_EXIT_RULES): boolean {
  return tsNow - state.tsEntry > options.timeStopDays * DAY_MS;
}

/**
 * Decides a soft exit for a trade at `tradePrice` seen at `tsNow`, after folding that price into the state.
 * Trailing wins over break-even (its floor is higher once armed); the time stop applies at any price.
 */
export function evaluateSoftExit(
  state: ExitState,
  tradePrice: number,
  tsNow: number,
  options: ExitRuleOptions = DEFAULT_EXIT_RULES,
): SoftExitDecision | null {
  const next = applyTradePrice(state, tradePrice);
  const floor = softExitFloor(next, options);
  if (floor !== null && tradePrice <= floor) {
    return { rule: trailingArmed(next, options) ? 'trailing' : 'break_even', price: tradePrice, floor };
  }
  if (isTimeStopDue(next, tsNow, options)) return { rule: 'time_stop', price: tradePrice, floor };
  return null;
}

/** Maps the config's `exits` section to the rule options. */
export function exitRulesFromConfig(exits: {
  stop_loss_pct: number;
  take_profit_pct: number;
  break_even_trigger_pct: number;
  trailing_trigger_pct: number;
  trailing_keep_pct: number;
  time_stop_days: number;
}): ExitRuleOptions {
  return {
    stopLossPct: exits.stop_loss_pct,
    takeProfitPct: exits.take_profit_pct,
    breakEvenTriggerPct: exits.break_even_trigger_pct,
    trailingTriggerPct: exits.trailing_trigger_pct,
    trailingKeepPct: exits.trailing_keep_pct,
    timeStopDays: exits.time_stop_days,
  };
}
