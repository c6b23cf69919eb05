/** @module Every strategy by name, in the config's order; `selectStrategies` applies config, env and --strategies. */
import { STRATEGY_NAMES, type Config, type StrategyName } from '../../config/schema.ts';
import { factorMomentum } from './factor-momentum.ts';
import { gapFill } from './gap-fill.ts';
import { maCrossover } from './ma-crossover.ts';
import { meanReversion } from './mean-reversion.ts';
import { mlMomentum } from './ml-momentum.ts';
import { momentum } from './momentum.ts';
import { pairsTrading } from './pairs-trading.ts';
import { qualitySmallcapValue } from './quality-smallcap-value.ts';
import { relativeVolumeBreakout } from './relative-volume-breakout.ts';
import { rsiMeanReversion } from './rsi-mean-reversion.ts';
import { sectorRotation } from './sector-rotation.ts';
import type { Strategy } from './strategy.ts';
import { vixRegimeRotation } from './vix-regime-rotation.ts';
import { volManagedMomentum } from './vol-managed-momentum.ts';

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  mean_reversion: meanReversion,
  relative_volume_breakout: relativeVolumeBreakout,
  gap_fill: gapFill,
  vol_managed_momentum: volManagedMomentum,
  vix_regime_rotation: vixRegimeRotation,
  pairs_trading: pairsTrading,
  quality_smallcap_value: qualitySmallcapValue,
  factor_momentum: factorMomentum,
  sector_rotation: sectorRotation,
  rsi_mean_reversion: rsiMeanReversion,
  ma_crossover: maCrossover,
  momentum,
  ml_momentum: mlMomentum,
};

export const isStrategyName = (s: string): s is StrategyName =>
  (STRATEGY_NAMES as readonly string[]).includes(s);

export interface StrategySelection {
  readonly selected: readonly StrategyName[];
  /** Strategies left out, with the reason (config, STRATEGY_DISABLED_LIST). */
  readonly skipped: ReadonlyArray<{ readonly strategy: StrategyName; readonly reason: string }>;
}

/**
 * The strategies to run: `requested` (--strategies) when given, else those enabled in config; a strategy
 * named in STRATEGY_DISABLED_LIST is always left out (the manual kill switch wins).
 */
export function selectStrategies(
  config: Pick<Config, 'strategies'>,
  disabledList: readonly string[],
  requested?: readonly StrategyName[],
): StrategySelection {
  const selected: StrategyName[] = [];
  const skipped: Array<{ strategy: StrategyName; reason: string }> = [];
  for (const name of STRATEGY_NAMES) {
    if (requested !== undefined && !requested.includes(name)) continue;
    if (disabledList.includes(name))
      skipped.push({ strategy: name, reason: 'disabled by STRATEGY_DISABLED_LIST' });
    else if (requested === undefined && !config.strategies[name].enabled)
      skipped.push({ strategy: name, reason: 'disabled in config' });
    else selected.push(name);
  }
  return { selected, skipped };
}
