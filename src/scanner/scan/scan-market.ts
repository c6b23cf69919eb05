/**
 * @module The compute core of a scan: every universe ticker through every selected strategy that its inputs
 * allow. Pure (no I/O): the same market data gives the same result, which the CLI, the benchmark, the workers
 * and the property tests all rely on.
 */
import type { StrategyName } from '../../config/schema.ts';
import { indicatorSet, type IndicatorSet } from '../indicator-set.ts';
import { gpStrategy, type PromotedRule } from '../research/gp/gp-strategy.ts';
import type { MarketData } from '../market-data.ts';
import type { Series } from '../series.ts';
import { STRATEGIES } from '../strategies/registry.ts';
import type {
  ScanStrategyName,
  Strategy,
  StrategyContext,
  StrategySettings,
} from '../strategies/strategy.ts';
import { scanTicker, type ScanOptions, type TickerResult } from './ticker-scan.ts';

export interface UnavailableStrategy {
  readonly strategy: ScanStrategyName;
  readonly reason: string;
}

/** Every ticker's outcomes with their verdict evidence; judgeScan decides the verdicts across all of them. */
export interface MarketScan {
  readonly tickers: readonly TickerResult[];
  readonly unavailable: readonly UnavailableStrategy[];
}

/** A context over `shared`: the caller may pre-fill it (workers receive the main thread's) or read it back. */
export function strategyContext(
  market: MarketData,
  settings: StrategySettings,
  shared: Map<string, unknown> = new Map(),
): StrategyContext {
  // The indicators of the series being scanned; one at a time keeps memory flat over 500 symbols.
  let current: { series: Series; set: IndicatorSet } | undefined;
  return {
    market,
    settings,
    shared<T>(key: string, compute: () => T): T {
      if (!shared.has(key)) shared.set(key, compute());
      return shared.get(key) as T;
    },
    indicators(series) {
      if (current?.series !== series) current = { series, set: indicatorSet(series) };
      return current.set;
    },
  };
}

/** Splits the selected strategies into the runnable ones and those whose inputs are missing; promoted rules follow. */
export function runnableStrategies(
  names: readonly StrategyName[],
  ctx: StrategyContext,
  candidates: readonly PromotedRule[] = [],
): { run: Strategy[]; unavailable: UnavailableStrategy[] } {
  const run: Strategy[] = [];
  const unavailable: UnavailableStrategy[] = [];
  for (const name of names) {
    const reason = STRATEGIES[name].unavailable(ctx);
    if (reason === null) run.push(STRATEGIES[name]);
    else unavailable.push({ strategy: name, reason });
  }
  run.push(...candidates.map(gpStrategy));
  return { run, unavailable };
}

/** A strategy that reads the scan-wide data (`prepare` computes it): in a worker it waits for the main thread's. */
export const readsShared = (strategy: Strategy): boolean => strategy.prepare !== undefined;

/** Computes every runnable strategy's cross-sectional data once; the map goes to each worker. */
export function prepareShared(
  market: MarketData,
  names: readonly StrategyName[],
  settings: StrategySettings,
): Map<string, unknown> {
  const shared = new Map<string, unknown>();
  const ctx = strategyContext(market, settings, shared);
  for (const strategy of runnableStrategies(names, ctx).run) strategy.prepare?.(ctx);
  return shared;
}

export function scanMarket(
  market: MarketData,
  names: readonly StrategyName[],
  settings: StrategySettings,
  options: ScanOptions,
  symbols: Iterable<string> = market.symbols,
  onTicker?: (scan: TickerResult) => void,
  shared?: Map<string, unknown>,
): MarketScan {
  const ctx = strategyContext(market, settings, shared);
  const { run, unavailable } = runnableStrategies(names, ctx, options.candidates);
  const tickers: TickerResult[] = [];
  for (const symbol of symbols) {
    const series = market.series.get(symbol);
    if (series === undefined || series.close.length === 0) continue;
    const scan = scanTicker(series, run, ctx, options);
    tickers.push(scan);
    onTicker?.(scan);
  }
  return { tickers, unavailable };
}
