/** @module The config keys the trade pipeline reads (capital.*, vix_regimes.*, strategies.*), in the rules' shapes. */
import type { Config } from '../../../config/schema.ts';
import type { RegimeSettings } from '../../../domain/rules/pipeline/vix-regime.ts';

export function regimeSettings(config: Config): RegimeSettings {
  const v = config.vix_regimes;
  return {
    lowBelow: v.low_below,
    highFrom: v.high_from,
    extremeFrom: v.extreme_from,
    scalar: {
      low: v.scalar_low,
      normal: v.scalar_normal,
      high: v.scalar_high,
      extreme: v.scalar_extreme,
    },
    heatPct: {
      low: v.heat_low_pct,
      normal: v.heat_normal_pct,
      high: v.heat_high_pct,
      extreme: v.heat_extreme_pct,
    },
    breakoutStrategies: v.breakout_strategies,
  };
}

export interface StrategyLimits {
  readonly allocationPct: number;
  readonly maxPositions: number;
}

/** A strategy the config does not name (a discovered rule) has no allocation of its own. */
export function strategyLimits(config: Config, strategy: string): StrategyLimits {
  const s = (
    config.strategies as Record<
      string,
      { allocation_pct: number; max_positions: number } | undefined
    >
  )[strategy];
  return { allocationPct: s?.allocation_pct ?? 0, maxPositions: s?.max_positions ?? 0 };
}
