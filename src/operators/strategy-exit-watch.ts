/**
 * @module The strategy-exit side of the exit evaluator (evaluate-exits.ts): per held symbol, the strategy that
 * opened it, its daily basis (from the daily bars), and today's traded value and volume folded from the live
 * trades (the 20-day VWAP's today part); and the decision of the strategy's own rule at a price.
 */
import {
  movingAveragesWith,
  rsiWith,
  sessionsSince,
  vwapWith,
  type DailyBasis,
} from '../domain/rules/strategy-exits/daily-basis.ts';
import {
  evaluateStrategyExit,
  strategyExitLabel,
} from '../domain/rules/strategy-exits/strategy-exit-rules.ts';
import type { SoftExitDecision } from '../domain/rules/exit-rules.ts';
import { addDays, nyDate, nyToEpoch } from '../domain/time/ny-time.ts';

/** The daemon's daily-bar source says which strategy opened a held symbol and what its daily bars give. */
export interface StrategyBasis {
  readonly kind: 'StrategyBasis';
  readonly symbol: string;
  readonly strategy: string | null;
  readonly basis: DailyBasis | null;
}

/** One held symbol's strategy-exit record, updated in place on every trade. */
export interface StrategyWatch {
  readonly strategy: string;
  readonly basis: DailyBasis;
  /** New York date of the entry, and of the trades folded so far (with the instant that day ends). */
  readonly entryDate: string;
  day: string;
  tsDayEnd: number;
  todayPv: number;
  todayVolume: number;
}

export function openStrategyWatch(b: StrategyBasis, tsEntry: number): StrategyWatch | null {
  if (b.strategy === null || b.basis === null) return null;
  return {
    strategy: b.strategy,
    basis: b.basis,
    entryDate: nyDate(tsEntry),
    day: '',
    tsDayEnd: -Infinity,
    todayPv: 0,
    todayVolume: 0,
  };
}

/** Moves the record to the New York day of `ts` (a new day starts its VWAP part from zero). */
function rollDay(w: StrategyWatch, ts: number): void {
  if (ts < w.tsDayEnd && w.day !== '') return;
  const day = nyDate(ts);
  if (day === w.day) return;
  w.day = day;
  w.tsDayEnd = nyToEpoch(addDays(day, 1), '00:00');
  w.todayPv = 0;
  w.todayVolume = 0;
}

export function foldTrade(w: StrategyWatch, price: number, size: number, ts: number): void {
  rollDay(w, ts);
  if (size > 0) {
    w.todayPv += price * size;
    w.todayVolume += size;
  }
}

/** The strategy's own rule at `price` seen at `ts`, as a soft exit the core runs like any other (`strategy exit (rule)`). */
export function strategyExitAt(
  w: StrategyWatch,
  price: number,
  ts: number,
): SoftExitDecision | null {
  rollDay(w, ts);
  // Bars that already hold today (a basis not yet refreshed after midnight is one day behind, never ahead).
  if (w.basis.lastDate >= w.day) return null;
  const ma = movingAveragesWith(w.basis, price);
  const d = evaluateStrategyExit(w.strategy, {
    price,
    sessionsHeld: sessionsSince(w.basis, w.entryDate, w.day),
    rsi: rsiWith(w.basis, price),
    vwap: vwapWith(w.basis, w.todayPv, w.todayVolume),
    fastMa: ma.fast,
    slowMa: ma.slow,
    // The model reads closes: its P(up) at the last completed close stands for the whole of today.
    upProbability: w.basis.upProbability,
  });
  return d === null ? null : { rule: strategyExitLabel(d.rule), price, floor: null };
}
