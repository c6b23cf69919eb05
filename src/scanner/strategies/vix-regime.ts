/**
 * @module VIX regimes of seed 001 §2 (low < 15 <= normal < 25 <= high < 35 <= extreme) on the grid. The level
 * is the close of the VIX proxy (`vix_regimes.symbol`); when the proxy has no bars, the broad market's 20-day
 * annualised realised volatility in percent stands in (a VIX-like number). Each day's regime uses that day's close.
 */
import { volatility } from '../indicators/volatility.ts';
import type { MarketData } from '../market-data.ts';
import type { StrategySettings } from './strategy.ts';

export const REGIMES = ['low', 'normal', 'high', 'extreme'] as const;
export type Regime = (typeof REGIMES)[number];

export interface RegimeSeries {
  /** Per grid date: 0 low, 1 normal, 2 high, 3 extreme, -1 unknown. */
  readonly regime: Int8Array;
  /** Where the level came from, for the scan summary. */
  readonly source: string;
}

export function regimeOf(level: number, vix: StrategySettings['vix']): number {
  if (!Number.isFinite(level)) return -1;
  if (level < vix.lowBelow) return 0;
  if (level < vix.highFrom) return 1;
  if (level < vix.extremeFrom) return 2;
  return 3;
}

/** The level source, or null when neither the proxy nor the market symbol has bars. */
export function regimeSource(market: MarketData, settings: StrategySettings): string | null {
  if (market.series.has(settings.vix.symbol)) return `${settings.vix.symbol} close`;
  if (market.series.has(settings.marketSymbol))
    return `${settings.marketSymbol} 20-day realised volatility (%)`;
  return null;
}

export function vixRegimes(market: MarketData, settings: StrategySettings): RegimeSeries {
  const regime = new Int8Array(market.dates.length).fill(-1);
  const proxy = market.series.get(settings.vix.symbol);
  const spx = market.series.get(settings.marketSymbol);
  const source = regimeSource(market, settings) ?? 'none';
  if (proxy !== undefined) {
    proxy.close.forEach((c, i) => (regime[proxy.start + i] = regimeOf(c, settings.vix)));
  } else if (spx !== undefined) {
    volatility(spx.close, 20).forEach(
      (v, i) => (regime[spx.start + i] = regimeOf(v * 100, settings.vix)),
    );
  }
  return { regime, source };
}
