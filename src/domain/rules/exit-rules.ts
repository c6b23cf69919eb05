/**
 * @module The exit rules of a long position, as pure functions shared by the daemon and the backtests:
 * hard stop and target (broker-side), break-even, trailing and time stop (soft, watched by the engine).
 */
import { price, roundToTick, type Price } from '../money.ts';
import type { strategyExitLabel } from './strategy-exits/strategy-exit-rules.ts';

export interface ExitRuleOptions {
  readonly stopLossPct: number;
  readonly takeProfitPct: number;
  readonly breakEvenTriggerPct: number;
  readonly trailingTriggerPct: number;
  readonly trailingKeepPct: number;
  readonly timeStopDays: number;
  /** Which catastrophe stop the broker-side protection uses; absent: the percent stop. */
  readonly catastrophe?: CatastropheStop;
}

/** `percent`: E x (1 - stop%); `atr`: E - multiple x ATR(14) of the daily bars (seed 002's tail stop). */
export interface CatastropheStop {
  readonly mode: 'percent' | 'atr';
  readonly atrMultiple: number;
}

const DAY_MS = 86_400_000;

/** Hard stop at E x (1 - stop%), rounded down to a tick: never tighter than configured. */
export function hardStopPrice(entry: number, options: ExitRuleOptions): Price {
  return roundToTick(entry * (1 - options.stopLossPct / 100), 'down');
}

/**
 * The protective stop: the percent stop, or under the `atr` mode E - multiple x ATR rounded down to a tick, when
 * the ATR is known and leaves a positive price (else the percent stop: a position is never left without one).
 */
export function protectiveStopPrice(
  entry: number,
  atr: number | null,
  options: ExitRuleOptions,
): Price {
  const c = options.catastrophe;
  if (c?.mode !== 'atr' || atr === null || !Number.isFinite(atr) || atr <= 0)
    return hardStopPrice(entry, options);
  const stop = roundToTick(entry - c.atrMultiple * atr, 'down');
  return stop > 0 ? stop : hardStopPrice(entry, options);
}

/** Under the `atr` mode a standing stop at another price than the target's is replaced (the ATR came later). */
export const stopFollowsAtr = (options: ExitRuleOptions): boolean =>
  options.catastrophe?.mode === 'atr';

/** Hard target at E x (1 + target%), rounded up to a tick: never lower than configured. */
export function takeProfitPrice(entry: number, options: ExitRuleOptions): Price {
  return roundToTick(entry * (1 + options.takeProfitPct / 100), 'up');
}

/** What the soft exits need to know about one position. `highWater` is M, the highest trade since entry. */
export interface ExitState {
  readonly entryPrice: number;
  readonly tsEntry: number;
  readonly highWater: number;
}

export const openExitState = (entryPrice: number, tsEntry: number): ExitState => ({
  entryPrice,
  tsEntry,
  highWater: entryPrice,
});

/** Folds one trade price into the state: M never decreases. */
export function applyTradePrice(state: ExitState, tradePrice: number): ExitState {
  return tradePrice > state.highWater ? { ...state, highWater: tradePrice } : state;
}

export function breakEvenArmed(state: ExitState, options: ExitRuleOptions): boolean {
  return state.highWater >= state.entryPrice * (1 + options.breakEvenTriggerPct / 100);
}

export function trailingArmed(state: ExitState, options: ExitRuleOptions): boolean {
  return state.highWater >= state.entryPrice * (1 + options.trailingTriggerPct / 100);
}

/** The price at or below which the position exits now, or null while no soft price rule is armed. */
export function softExitFloor(state: ExitState, options: ExitRuleOptions): Price | null {
  if (trailingArmed(state, options)) {
    return price(
      state.entryPrice + (options.trailingKeepPct / 100) * (state.highWater - state.entryPrice),
    );
  }
  if (breakEvenArmed(state, options)) return price(state.entryPrice);
  return null;
}

/** The shared soft exits, and a strategy's own rule (`strategy exit (rsi_above_50)`). */
export type SoftExitRule =
  'trailing' | 'break_even' | 'time_stop' | ReturnType<typeof strategyExitLabel>;

export interface SoftExitDecision {
  readonly rule: SoftExitRule;
  /** The price that triggered it (the trade price; for a time stop, the last known price). */
  readonly price: number;
  /** The armed floor, for price rules. */
  readonly floor: number | null;
}

export function isTimeStopDue(state: ExitState, tsNow: number, options: ExitRuleOptions): boolean {
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
  options: ExitRuleOptions,
): SoftExitDecision | null {
  const next = applyTradePrice(state, tradePrice);
  const floor = softExitFloor(next, options);
  if (floor !== null && tradePrice <= floor) {
    return {
      rule: trailingArmed(next, options) ? 'trailing' : 'break_even',
      price: tradePrice,
      floor,
    };
  }
  if (isTimeStopDue(next, tsNow, options)) return { rule: 'time_stop', price: tradePrice, floor };
  return null;
}
