/**
 * @module The common shape of a daily strategy: entry signals at each close, computed from bars at or before
 * that close only (signal[i] may read bars 0..i of any series, never i + 1 or later).
 */
import type { StrategyName } from '../../config/schema.ts';
import type { IndicatorSet } from '../indicator-set.ts';
import type { MarketData } from '../market-data.ts';
import type { ParameterSpec, ParamValues } from '../research/params/parameter-spec.ts';
import type { Series } from '../series.ts';

/** A strategy of the registry, or a discovered rule promoted in config (`gp_<hex>`). */
export type ScanStrategyName = StrategyName | `gp_${string}`;

/** One row of data/fundamentals/fundamentals.csv. */
export interface Fundamentals {
  readonly symbol: string;
  /** Market capitalisation, dollars. */
  readonly marketCap: number;
  /** Price / earnings (negative for losses). */
  readonly pe: number;
  /** Return on equity as a fraction (0.18 = 18%). */
  readonly roe: number;
  readonly debtToEquity: number;
}

export interface VixRegimeSettings {
  readonly symbol: string;
  readonly lowBelow: number;
  readonly highFrom: number;
  readonly extremeFrom: number;
}

export interface StrategySettings {
  readonly vix: VixRegimeSettings;
  /** The broad-market symbol (risk-on leg, VIX fallback): SPY. */
  readonly marketSymbol: string;
  /** Symbol -> sector (static map, or the universe.csv `sector` column). */
  readonly sectors: ReadonlyMap<string, string>;
  /** The fundamentals file's rows, or null when the file is absent. */
  readonly fundamentals: ReadonlyMap<string, Fundamentals> | null;
}

export interface StrategyContext {
  readonly market: MarketData;
  readonly settings: StrategySettings;
  /** A cross-sectional computation shared by every symbol of the scan, computed once. */
  shared<T>(key: string, compute: () => T): T;
  /** The memoised indicators of a series. */
  indicators(series: Series): IndicatorSet;
}

export interface Strategy {
  readonly name: ScanStrategyName;
  /** The rule in one line, for the docs and the scan summary. */
  readonly rule: string;
  /** Bars needed before the first possible signal. */
  readonly warmup: number;
  /** Why the strategy cannot run on this scan's data (a missing input), or null. */
  unavailable(ctx: StrategyContext): string | null;
  /** signal[i] = 1 when the entry condition holds at the close of bar i. */
  signals(series: Series, ctx: StrategyContext): Uint8Array;
  /** Computes the strategy's cross-sectional data into ctx.shared (a parallel scan does it once, in the main thread). */
  prepare?(ctx: StrategyContext): void;
  /** Signals before this session are never counted: the rule was fitted on them (a discovered rule's in-sample). */
  readonly outOfSampleFrom?: string;
}

/** A strategy with tunable parameters (seed 001's ParameterSpec list); `signals` uses the defaults. */
export interface ParameterizedStrategy extends Strategy {
  readonly parameters: readonly ParameterSpec[];
  signalsWith(series: Series, ctx: StrategyContext, params: ParamValues): Uint8Array;
}

export const isParameterized = (s: Strategy): s is ParameterizedStrategy =>
  'parameters' in s && 'signalsWith' in s;

/** Signals from a per-bar predicate, false before `from`. */
export function signalsWhere(n: number, from: number, entry: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = Math.max(0, from); i < n; i += 1) if (entry(i)) out[i] = 1;
  return out;
}
