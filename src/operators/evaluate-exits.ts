/**
 * @module The exit evaluator operator: live trades of held symbols, the timer and the holdings' exit state in;
 * soft exit signals (break-even, trailing, time stop), fraction targets, raised high-water marks and stale
 * symbols out. It owns M, the highest trade since entry, per symbol. With each held symbol's strategy and daily
 * basis (StrategyBasis inputs) it also runs the strategy's own exit rule, after the shared ones.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Price } from '../domain/money.ts';
import type {
  FractionTargetDue,
  HighWaterRaised,
  SoftExitDue,
} from '../domain/holdings/daemon-inputs.ts';
import type { ExitTrack } from '../domain/holdings/daemon-events.ts';
import type { MarketTrade } from '../domain/events.ts';
import {
  applyTradePrice,
  evaluateSoftExit,
  isTimeStopDue,
  softExitFloor,
  takeProfitPrice,
  type ExitRuleOptions,
  type ExitState,
} from '../domain/rules/exit-rules.ts';
import {
  foldTrade,
  openStrategyWatch,
  strategyExitAt,
  type StrategyBasis,
  type StrategyWatch,
} from './strategy-exit-watch.ts';

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

export type ExitInput = ExitTrack | MarketTrade | ExitTick | StrategyBasis;
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
  /** The strategy's own exit, when the symbol's strategy has one and its daily bars are known. */
  own: StrategyWatch | null;
}

/** Held symbols, and the latest strategy basis per symbol (it may arrive before or after the symbol's track). */
interface Watchlist {
  readonly held: Map<string, Watched>;
  readonly bases: Map<string, StrategyBasis>;
}
type Emit = (signal: ExitSignal) => void;

function onTrack(list: Watchlist, t: ExitTrack, rules: ExitRuleOptions): void {
  const watched = list.held;
  if (t.state === null) {
    watched.delete(t.symbol);
    return;
  }
  const prev = watched.get(t.symbol);
  const basis = list.bases.get(t.symbol);
  const keepOwn =
    prev?.own !== undefined && prev.own !== null && prev.exit.tsEntry === t.state.tsEntry;
  // The same position keeps the higher mark; a rescaled one (a split) takes the restated mark as it is.
  const same = prev !== undefined && prev.exit.tsEntry === t.state.tsEntry && !t.rescaled;
  const highWater = same ? Math.max(prev.exit.highWater, t.state.highWater) : t.state.highWater;
  watched.set(t.symbol, {
    exit: { ...t.state, highWater },
    fraction: t.fraction,
    target: takeProfitPrice(t.state.entryPrice, rules),
    lastPrice: prev?.lastPrice ?? null,
    tsLastPrice: prev?.tsLastPrice ?? -Infinity,
    own: keepOwn
      ? prev.own
      : basis === undefined
        ? null
        : openStrategyWatch(basis, t.state.tsEntry),
  });
}

function onBasis(list: Watchlist, b: StrategyBasis): void {
  list.bases.set(b.symbol, b);
  const w = list.held.get(b.symbol);
  if (w === undefined) return;
  const own = openStrategyWatch(b, w.exit.tsEntry);
  // Today's traded value and volume carry over to the refreshed basis.
  if (own !== null && w.own !== null)
    Object.assign(own, {
      day: w.own.day,
      tsDayEnd: w.own.tsDayEnd,
      todayPv: w.own.todayPv,
      todayVolume: w.own.todayVolume,
    });
  w.own = own;
}

/** Folds the trade into its symbol's record first, then emits (a subscriber that reacts synchronously sees the new state). */
function onTrade(list: Watchlist, t: MarketTrade, rules: ExitRuleOptions, emit: Emit): void {
  const w = list.held.get(t.symbol);
  if (w === undefined) return;
  const before = w.exit;
  const exit = applyTradePrice(before, t.price);
  const decision = evaluateSoftExit(before, t.price, t.tsEvent, rules);
  w.exit = exit;
  w.lastPrice = t.price;
  if (t.tsEvent > w.tsLastPrice) w.tsLastPrice = t.tsEvent;
  if (w.own !== null) foldTrade(w.own, t.price, t.size, t.tsEvent);
  if (exit.highWater > before.highWater)
    emit({ kind: 'HighWaterRaised', symbol: t.symbol, highWater: exit.highWater });
  if (decision !== null) emit({ kind: 'SoftExitDue', symbol: t.symbol, decision });
  else if (w.fraction > 0 && t.price >= w.target)
    emit({ kind: 'FractionTargetDue', symbol: t.symbol, price: t.price, target: w.target });
  else if (w.own !== null) {
    const own = strategyExitAt(w.own, t.price, t.tsEvent);
    if (own !== null) emit({ kind: 'SoftExitDue', symbol: t.symbol, decision: own });
  }
}

function onTick(list: Watchlist, tick: ExitTick, options: EvaluateExitsOptions, emit: Emit): void {
  const due: ExitSignal[] = [];
  const stale: string[] = [];
  for (const [symbol, w] of list.held) {
    const last = w.lastPrice ?? w.exit.entryPrice;
    if (isTimeStopDue(w.exit, tick.now, options.rules)) {
      due.push({
        kind: 'SoftExitDue',
        symbol,
        decision: { rule: 'time_stop', price: last, floor: softExitFloor(w.exit, options.rules) },
      });
    } else if (w.own !== null && tick.sessionOpen) {
      // Day-count rules (20 sessions, the hold period) come due without a trade.
      const own = strategyExitAt(w.own, last, tick.now);
      if (own !== null) due.push({ kind: 'SoftExitDue', symbol, decision: own });
    }
    if (tick.sessionOpen && tick.now - w.tsLastPrice > options.staleMs) stale.push(symbol);
  }
  if (stale.length > 0) due.push({ kind: 'PricesStale', symbols: stale });
  for (const signal of due) emit(signal);
}

/**
 * @example merge(tracks$, trades$, ticks$).pipe(evaluateExits({ rules, staleMs: 300_000 }))
 */
export function evaluateExits(
  options: EvaluateExitsOptions,
): OperatorFunction<ExitInput, ExitSignal> {
  return (source) =>
    new Observable<ExitSignal>((subscriber) => {
      // One watchlist per subscription: two subscribers never share state.
      const watched: Watchlist = { held: new Map(), bases: new Map() };
      const emit: Emit = (signal) => {
        subscriber.next(signal);
      };
      return source.subscribe({
        next: (input) => {
          try {
            switch (input.kind) {
              case 'ExitTrack':
                onTrack(watched, input, options.rules);
                break;
              case 'MarketTrade':
                onTrade(watched, input, options.rules, emit);
                break;
              case 'ExitTick':
                onTick(watched, input, options, emit);
                break;
              case 'StrategyBasis':
                onBasis(watched, input);
                break;
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
