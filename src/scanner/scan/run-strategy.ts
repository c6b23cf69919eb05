/**
 * @module One strategy on one ticker: its signals (with the walk-forward parameter schedule when research chose
 * one, the defaults otherwise; never before the first out-of-sample session), the backtest, the descriptive
 * statistics and the evidence for the verdict.
 */
import { backtest } from '../backtest/backtest.ts';
import { strategyExitSeries } from '../backtest/strategy-exit-series.ts';
import { backtestStats, type BacktestStats } from '../backtest/stats.ts';
import type { OpenPosition, Trade } from '../backtest/trade.ts';
import { defaultParams, type ParamValues } from '../research/params/parameter-spec.ts';
import {
  firstIndexOnOrAfter,
  scheduleKey,
  scheduledSignals,
} from '../research/params/param-schedule.ts';
import { verdictEvidence, type VerdictEvidence } from '../research/verdict/verdict-evidence.ts';
import type { Series } from '../series.ts';
import {
  isParameterized,
  type ScanStrategyName,
  type Strategy,
  type StrategyContext,
} from '../strategies/strategy.ts';
import { lastSignalIndex, signalState, type SignalState } from './signal-state.ts';
import type { ScanOptions } from './scan-options.ts';

export type ParamsSource = 'fixed' | 'default' | 'wfo' | 'ga';

export interface OutcomeResult {
  readonly strategy: ScanStrategyName;
  readonly stats: BacktestStats;
  readonly evidence: VerdictEvidence;
  readonly state: SignalState;
  readonly signals: number;
  readonly lastSignalDate: string | null;
  readonly open: OpenPosition | null;
  /** Where today's parameters came from ('fixed': the strategy has none to tune). */
  readonly paramsSource: ParamsSource;
  /** The parameters behind today's signal (null for a strategy without parameters). */
  readonly params: ParamValues | null;
  /** Kept only where this outcome may speak for its ticker (see ticker-scan.ts); null otherwise. */
  readonly trades: readonly Trade[] | null;
}

interface Signals {
  readonly signals: Uint8Array;
  /** The first index whose signal counts. */
  readonly from: number;
  readonly paramsSource: ParamsSource;
  readonly params: ParamValues | null;
}

function signalsOf(
  series: Series,
  strategy: Strategy,
  ctx: StrategyContext,
  o: ScanOptions,
): Signals {
  const warm = Math.max(0, strategy.warmup - 1);
  if (!isParameterized(strategy)) {
    const signals = strategy.signals(series, ctx);
    const from =
      strategy.outOfSampleFrom === undefined
        ? warm
        : Math.max(warm, firstIndexOnOrAfter(series.dates, strategy.outOfSampleFrom));
    signals.fill(0, 0, from);
    return { signals, from, paramsSource: 'fixed', params: null };
  }
  const schedule = o.schedules?.get(scheduleKey(strategy.name, series.symbol));
  const first = schedule?.steps[0];
  const last = schedule?.steps[schedule.steps.length - 1];
  if (schedule === undefined || first === undefined || last === undefined)
    return {
      signals: strategy.signals(series, ctx),
      from: warm,
      paramsSource: 'default',
      params: defaultParams(strategy.parameters),
    };
  const signals = scheduledSignals(series, schedule, (p) => strategy.signalsWith(series, ctx, p));
  const from = Math.max(warm, firstIndexOnOrAfter(series.dates, first.from));
  signals.fill(0, 0, from);
  return { signals, from, paramsSource: schedule.source, params: last.params };
}

export function runStrategy(
  series: Series,
  strategy: Strategy,
  ctx: StrategyContext,
  options: ScanOptions,
): OutcomeResult {
  const s = signalsOf(series, strategy, ctx, options);
  const exitAt =
    options.strategyExits === true ? strategyExitSeries(strategy.name, series, ctx) : null;
  const result = backtest(series, s.signals, options.backtest, exitAt);
  const last = lastSignalIndex(s.signals);
  return {
    strategy: strategy.name,
    stats: backtestStats(result, Math.max(strategy.warmup, s.from)),
    evidence: verdictEvidence(series, result, s.from),
    state: signalState(s.signals, result),
    signals: s.signals.reduce((a, b) => a + b, 0),
    lastSignalDate: last < 0 ? null : (series.dates[last] as string),
    open: result.open,
    paramsSource: s.paramsSource,
    params: s.params,
    trades: result.trades,
  };
}
