/**
 * @module The regime model's observations, one per session: the broad market's daily log return (percent) and
 * the log of the VIX proxy's close (or, without the proxy, of the market's 20-day realised volatility in
 * percent, as the VIX rotation does). Only sessions where both are known, over the last `trainYears` years.
 */
import { volatility } from '../../indicators/volatility.ts';
import type { MarketData } from '../../market-data.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';

export const REGIME_FEATURES = ['market_log_return_pct', 'log_volatility_level'] as const;
/** The feature the states are ordered by (state 0 = the lowest volatility level). */
export const ORDER_BY = 1;

export interface RegimeData {
  readonly dates: readonly string[];
  readonly xs: ReadonlyArray<readonly number[]>;
  /** Where the volatility level came from. */
  readonly levelSource: string;
}

export class RegimeDataError extends Error {
  override readonly name = 'RegimeDataError';
}

export function regimeFeatures(
  market: MarketData,
  settings: StrategySettings,
  trainYears: number,
): RegimeData {
  const spy = market.series.get(settings.marketSymbol);
  if (spy === undefined)
    throw new RegimeDataError(`the regime model needs bars of ${settings.marketSymbol}`);
  const proxy = market.series.get(settings.vix.symbol);
  const level = new Float64Array(market.dates.length).fill(Number.NaN);
  if (proxy !== undefined) proxy.close.forEach((c, i) => (level[proxy.start + i] = c));
  else volatility(spy.close, 20).forEach((v, i) => (level[spy.start + i] = v * 100));
  const levelSource =
    proxy !== undefined
      ? `${settings.vix.symbol} close`
      : `${settings.marketSymbol} 20-day realised volatility (%)`;
  const dates: string[] = [];
  const xs: number[][] = [];
  const first = Math.max(1, spy.close.length - Math.round(trainYears * 252));
  for (let i = first; i < spy.close.length; i += 1) {
    const r = 100 * Math.log((spy.close[i] as number) / (spy.close[i - 1] as number));
    const l = level[spy.start + i] as number;
    if (!Number.isFinite(r) || !(l > 0)) continue;
    dates.push(spy.dates[i] as string);
    xs.push([r, Math.log(l)]);
  }
  if (xs.length < 100)
    throw new RegimeDataError(
      `the regime model needs at least 100 sessions of ${settings.marketSymbol} and ${levelSource}; found ${xs.length}`,
    );
  return { dates, xs, levelSource };
}
