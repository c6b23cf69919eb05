/**
 * @module What every research job of one run shares (sent once to each worker): the backtest's costs and exits,
 * the verdict rules, the walk-forward windows, the GA's and GP's settings, the seed.
 */
import type { Config } from '../../../config/schema.ts';
import type { BacktestOptions } from '../../backtest/backtest.ts';
import { gaOptions, type GaOptions } from '../ga/ga-options.ts';
import { gpOptions, type GpOptions } from '../gp/gp-options.ts';
import type { VerdictRules } from '../verdict/verdict-rules.ts';

export interface ResearchEnv {
  readonly seed: number;
  readonly backtest: BacktestOptions;
  /** `exits.strategy_exits`: the walk-forward's backtests apply each strategy's own exit, as the scan's do. */
  readonly strategyExits: boolean;
  readonly verdict: VerdictRules;
  readonly windows: { readonly inSample: number; readonly outOfSample: number };
  readonly minInSampleTrades: number;
  readonly ga: GaOptions;
  readonly gp: GpOptions;
}

export function researchEnv(
  config: Config,
  seed: number,
  backtest: BacktestOptions,
  verdict: VerdictRules,
): ResearchEnv {
  const w = config.research.wfo;
  return {
    seed,
    backtest,
    strategyExits: config.exits.strategy_exits,
    verdict,
    windows: { inSample: w.in_sample_days, outOfSample: w.out_of_sample_days },
    minInSampleTrades: w.min_in_sample_trades,
    ga: gaOptions(config),
    gp: gpOptions(config),
  };
}
