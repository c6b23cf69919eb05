/** @module The verdict study's compute over a market (in-process, or one worker's share of the universe). */
import type { MarketData } from '../../market-data.ts';
import { runnableStrategies, strategyContext } from '../../scan/scan-market.ts';
import type { ScanOptions } from '../../scan/ticker-scan.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';
import type { StrategyName } from '../../../config/schema.ts';
import { controlTicker, type StudyOutcome } from './control-ticker.ts';

export function studyMarket(
  market: MarketData,
  names: readonly StrategyName[],
  settings: StrategySettings,
  options: ScanOptions,
  seed: number,
  symbols: readonly string[] = market.symbols,
  shared?: Map<string, unknown>,
): StudyOutcome[] {
  const ctx = strategyContext(market, settings, shared);
  const { run } = runnableStrategies(names, ctx, options.candidates);
  return symbols.flatMap((symbol) => {
    const series = market.series.get(symbol);
    return series === undefined || series.close.length === 0
      ? []
      : controlTicker(series, run, ctx, options, seed);
  });
}
