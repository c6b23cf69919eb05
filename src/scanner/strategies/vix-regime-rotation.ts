/**
 * @module vix_regime_rotation (seed 001): in low and normal VIX regimes buy risk-on symbols (every symbol outside
 * the defensive sectors, SPY included); in high and extreme regimes rotate to defensive ones (staples, health
 * care, utilities). Entry while the symbol's regime side holds and its close is above its 50-day SMA.
 */
import { DEFENSIVE_SECTORS } from './sectors.ts';
import type { Strategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';
import { regimeSource, vixRegimes, type RegimeSeries } from './vix-regime.ts';

/** The scan-wide data this strategy reads, computed once per scan. */
const regimesOf = (ctx: StrategyContext): RegimeSeries =>
  ctx.shared('vix_regimes', () => vixRegimes(ctx.market, ctx.settings));

export const vixRegimeRotation: Strategy = {
  name: 'vix_regime_rotation',
  rule: 'risk-on symbols while the VIX proxy is below 25 (low/normal), defensive ones from 25 up; close above SMA(50)',
  warmup: 50,
  unavailable: (ctx) =>
    regimeSource(ctx.market, ctx.settings) === null
      ? `no bars for the VIX proxy ${ctx.settings.vix.symbol} nor for ${ctx.settings.marketSymbol}`
      : null,
  prepare(ctx) {
    regimesOf(ctx);
  },
  signals(s, ctx) {
    const { regime } = regimesOf(ctx);
    const defensive = DEFENSIVE_SECTORS.has(ctx.settings.sectors.get(s.symbol) ?? '');
    const trend = ctx.indicators(s).sma(50);
    return signalsWhere(s.close.length, 49, (i) => {
      const r = regime[s.start + i] as number;
      const side = defensive ? r >= 2 : r === 0 || r === 1;
      return side && (s.close[i] as number) > (trend[i] as number);
    });
  },
};
