/** @module What a scan applies to every ticker: the backtest's costs, the verdict rules, research schedules and promoted rules. */
import type { BacktestOptions } from '../backtest/backtest.ts';
import type { PromotedRule } from '../research/gp/gp-strategy.ts';
import type { ParamSchedule } from '../research/params/param-schedule.ts';
import type { VerdictRules } from '../research/verdict/verdict-rules.ts';

export interface ScanOptions {
  readonly backtest: BacktestOptions;
  readonly verdict: VerdictRules;
  /** Walk-forward parameter schedules by scheduleKey(strategy, symbol): research results the scan applies. */
  readonly schedules?: ReadonlyMap<string, ParamSchedule>;
  /** Discovered rules promoted in config (research.promoted), run after the registry's strategies. */
  readonly candidates?: readonly PromotedRule[];
  /** Each strategy's own exit rule beside the shared ones (config `exits.strategy_exits`); absent: off. */
  readonly strategyExits?: boolean;
}
