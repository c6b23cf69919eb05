/**
 * @module The exit evaluator operator: live trades of held symbols, the timer and the holdings' exit state in;
 * soft exit signals (break-even, trailing, time stop), fraction targets, raised high-water marks and stale
 * symbols out. It owns M, the highest trade since entry, per symbol.
 */
import { mergeMap, scan, type OperatorFunction } from 'rxjs';
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

interface Watched {
  readonly exit: ExitState;
  readonly fraction: number;
  readonly lastPrice: number | null;
  readonly tsLastPrice: number;
}

interface Acc {
  readonly watched: ReadonlyMap<string, Watched>;
  readonly out: readonly ExitSignal[];
}

function onTrack(acc: Acc, t: ExitTrack): Acc {
  const watched = new Map(acc.watched);
  if (t.state === null) watched.delete(t.symbol);
  else {
    const prev = watched.get(t.symbol);
    // The same position keeps the higher mark; a rescaled one (a split) takes the restated mark as it is.
    const same = prev !== undefined && prev.exit.tsEntry === t.state.tsEntry && !t.rescaled;
    const highWater = same ? Math.max(prev.exit.highWater, t.state.highWater) : t.state.highWater;
    watched.set(t.symbol, {
      exit: { ...t.state, highWater }, fraction: t.fraction, lastPrice: prev?.lastPrice ?? null, tsLastPrice: prev?.tsLastPrice ?? -Infinity,
    });
  }
  return { watched, out: [] };
}

function onTrade(acc: Acc, t: MarketTrade, rules: ExitRuleOptions): Acc {
  const w = acc.watched.get(t.symbol);
  if (w === undefined) return { watched: acc.watched, out: [] };
  const out: ExitSignal[] = [];
  const exit = applyTradePrice(w.exit, t.price);
  if (exit.highWater > w.exit.highWater) out.push({ kind: 'HighWaterRaised', symbol: t.symbol, highWater: exit.highWater });
  const decision = evaluateSoftExit(w.exit, t.price, t.tsEvent, rules);
  if (decision !== null) out.push({ kind: 'SoftExitDue', symbol: t.symbol, decision });
  const target = takeProfitPrice(w.exit.entryPrice, rules);
  if (decision === null && w.fraction > 0 && t.price >= target) out.push({ kind: 'FractionTargetDue', symbol: t.symbol, price: t.price, target });
  const watched = new Map(acc.watched);
  watched.set(t.symbol, { ...w, exit, lastPrice: t.price, tsLastPrice: Math.max(w.tsLastPrice, t.tsEvent) });
  return { watched, out };
}

function onTick(acc: Acc, tick: ExitTick, options: EvaluateExitsOptions): Acc {
  const out: ExitSignal[] = [];
  const stale: string[] = [];
  for (const [symbol, w] of acc.watched) {
    if (isTimeStopDue(w.exit, tick.now, options.rules)) {
      out.push({ kind: 'SoftExitDue', symbol, decision: { rule: 'time_stop', price: w.lastPrice ?? w.exit.entryPrice, floor: softExitFloor(w.exit, options.rules) } });
    }
    if (tick.sessionOpen && tick.now - w.tsLastPrice > options.staleMs) stale.push(symbol);
  }
  if (stale.length > 0) out.push({ kind: 'PricesStale', symbols: stale });
  return { watched: acc.watched, out };
}

/**
 * @example merge(tracks$, trades$, ticks$).pipe(evaluateExits({ rules, staleMs: 300_000 }))
 */
export function evaluateExits(options: EvaluateExitsOptions): OperatorFunction<ExitInput, ExitSignal> {
  return (source) =>
    source.pipe(
      scan((acc: Acc, input: ExitInput): Acc => {
        switch (input.kind) {
          case 'ExitTrack': return onTrack(acc, input);
          case 'MarketTrade': return onTrade(acc, input, options.rules);
          case 'ExitTick': return onTick(acc, input, options);
        }
      }, { watched: new Map<string, Watched>(), out: [] }),
      mergeMap((acc) => acc.out),
    );
}
