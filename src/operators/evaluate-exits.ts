/**
 * @module The exit evaluator operator: live trades of held symbols, the timer and the holdings' exit state in;
 * soft exit signals (break-even, trailing, time stop), fraction targets, raised high-water marks and stale
 * symbols out. It owns M, the highest trade since entry, per symbol.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Price } from '../domain/money.ts';
import type { FractionTargetDue, HighWaterRaised, SoftExitDue } from '../domain/holdings/daemon-inputs.ts';
import type { ExitTrack } from '../domain/holdings/daemon-events.ts';
import type { MarketTrade } from '../domain/events.ts';
import {
  applyTradePrice, evaluateSoftExit, isTimeStopDue, softExitFloor, takeProfitPrice, type ExitRuleOptions, type ExitState,
} from '../domain/rules/exit-rules.ts';

/** The timer's beat with the daemon's clock and whether the session is open (stale prices matter only then). */
export interface ExitTick {
  readonly kind: 'ExitTick';
  readonly now: number;
  readonly sessionOpen: boolean;
}

/** Held symbols without a trade for too long: the stream re-prices them over REST. */
export interface PricesStale {
  readonly kind: 'PricesStale';
  readonly symbols: readonly string[];
}

export type ExitInput = ExitTrack | MarketTrade | ExitTick;
export type ExitSignal = SoftExitDue | FractionTargetDue | HighWaterRaised | PricesStale;

export interface EvaluateExitsOptions {
  readonly rules: ExitRuleOptions;
  /** A held symbol without a trade for this long (session open) is stale. */
  readonly staleMs: number;
}

/** One held symbol's mutable record: updated in place on every trade (no copy of the map per trade). */
interface Watched {
  exit: ExitState;
  fraction: number;
  /** The hard target of the entry, computed once per track (it rounds to a tick: too costly per trade). */
  target: Price;
  lastPrice: number | null;
  tsLastPrice: number;
}

type Watchlist = Map<string, Watched>;
type Emit = (signal: ExitSignal) => void;

function onTrack(watched: Watchlist, t: ExitTrack, rules: ExitRuleOptions): void {
  if (t.state === null) {
    watched.delete(t.symbol);
    return;
  }
  const prev = watched.get(t.symbol);
  // The same position keeps the higher mark; a rescaled one (a split) takes the restated mark as it is.
  const same = prev !== undefined && prev.exit.tsEntry === t.state.tsEntry && !t.rescaled;
  const highWater = same ? Math.max(prev.exit.highWater, t.state.highWater) : t.state.highWater;
  watched.set(t.symbol, {
    exit: { ...t.state, highWater }, fraction: t.fraction, target: takeProfitPrice(t.state.entryPrice, rules),
    lastPrice: prev?.lastPrice ?? null, tsLastPrice: prev?.tsLastPrice ?? -Infinity,
  });
}

/** Folds the trade into its symbol's record first, then emits (a subscriber that reacts synchronously sees the new state). */
function onTrade(watched: Watchlist, t: MarketTrade, rules: ExitRuleOptions, emit: Emit): void {
  const w = watched.get(t.symbol);
  if (w === undefined) return;
  const before = w.exit;
  const exit = applyTradePrice(before, t.price);
  const decision = evaluateSoftExit(before, t.price, t.tsEvent, rules);
  w.exit = exit;
  w.lastPrice = t.price;
  if (t.tsEvent > w.tsLastPrice) w.tsLastPrice = t.tsEvent;
  if (exit.highWater > before.highWater) emit({ kind: 'HighWaterRaised', symbol: t.symbol, highWater: exit.highWater });
  if (decision !== null) emit({ kind: 'SoftExitDue', symbol: t.symbol, decision });
  else if (w.fraction > 0 && t.price >= w.target) emit({ kind: 'FractionTargetDue', symbol: t.symbol, price: t.price, target: w.target });
}

function onTick(watched: Watchlist, tick: ExitTick, options: EvaluateExitsOptions, emit: Emit): void {
  const due: ExitSignal[] = [];
  const stale: string[] = [];
  for (const [symbol, w] of watched) {
    if (isTimeStopDue(w.exit, tick.now, options.rules)) {
      due.push({ kind: 'SoftExitDue', symbol, decision: { rule: 'time_stop', price: w.lastPrice ?? w.exit.entryPrice, floor: softExitFloor(w.exit, options.rules) } });
    }
    if (tick.sessionOpen && tick.now - w.tsLastPrice > options.staleMs) stale.push(symbol);
  }
  if (stale.length > 0) due.push({ kind: 'PricesStale', symbols: stale });
  for (const signal of due) emit(signal);
}

/**
 * @example merge(tracks$, trades$, ticks$).pipe(evaluateExits({ rules, staleMs: 300_000 }))
 */
export function evaluateExits(options: EvaluateExitsOptions): OperatorFunction<ExitInput, ExitSignal> {
  return (source) =>
    new Observable<ExitSignal>((subscriber) => {
      // One watchlist per subscription: two subscribers never share state.
      const watched: Watchlist = new Map();
      const emit: Emit = (signal) => {
        subscriber.next(signal);
      };
      return source.subscribe({
        next: (input) => {
          try {
            switch (input.kind) {
              case 'ExitTrack': onTrack(watched, input, options.rules); break;
              case 'MarketTrade': onTrade(watched, input, options.rules, emit); break;
              case 'ExitTick': onTick(watched, input, options, emit); break;
            }
          } catch (e) {
            subscriber.error(e);
          }
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
        complete: () => {
          subscriber.complete();
        },
      });
    });
}
