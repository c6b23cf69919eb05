/**
 * @module Walk-forward optimisation of one strategy on one ticker: for each rolling fold, the parameters with the
 * best in-sample fitness (grid search, or the adaptive GA) are chosen on the in-sample window only and used on the
 * next out-of-sample window; then the same choice on the latest window gives the parameters for the sessions after
 * the data. Progress is plain data after each fold (a checkpoint): a run resumed from it ends exactly as an
 * uninterrupted one.
 */
import type { BacktestOptions } from '../../backtest/backtest.ts';
import type { Series } from '../../series.ts';
import type { ParameterizedStrategy, StrategyContext } from '../../strategies/strategy.ts';
import { gaFinish, gaInit, type Genome } from '../ga/genetic-algorithm.ts';
import type { GaOptions } from '../ga/ga-options.ts';
import { defaultParams, type ParamValues } from '../params/parameter-spec.ts';
import type { RngState } from '../random/rng.ts';
import { strategyExitSeries } from '../../backtest/strategy-exit-series.ts';
import { comboTrials, windowFitness, type ComboTrials } from './combo-trials.ts';
import { latestWindow, rollingFolds, type Fold, type FoldOptions } from './folds.ts';
import { gridSearch } from './grid-search.ts';

export type Optimizer =
  | { readonly kind: 'grid' }
  | { readonly kind: 'ga'; readonly options: GaOptions; readonly seed: RngState };

export interface WfoInput {
  readonly series: Series;
  readonly strategy: ParameterizedStrategy;
  readonly ctx: StrategyContext;
  readonly backtest: BacktestOptions;
  /** `exits.strategy_exits`: the strategy's own exit rule in every backtest, as in the scan's. */
  readonly strategyExits: boolean;
  readonly windows: Omit<FoldOptions, 'start'>;
  /** In-sample trades a parameter set needs to be chosen on evidence. */
  readonly minTrades: number;
}

export interface FoldChoice {
  readonly fold: Fold;
  readonly params: ParamValues;
  /** In-sample fitness (t-statistic of excess returns); null when no parameter set had enough trades. */
  readonly fitness: number | null;
  /** False when nothing qualified in sample and the defaults were kept. */
  readonly qualified: boolean;
}

export interface WfoProgress {
  readonly done: readonly FoldChoice[];
  /** The GA's generator after the last fold, and its best genomes (the next fold's warm start). */
  readonly rng: RngState | null;
  readonly warm: readonly Genome[];
}

export interface WfoRun {
  readonly folds: readonly FoldChoice[];
  readonly current: FoldChoice;
  readonly trials: ComboTrials;
}

function choose(
  input: WfoInput,
  optimizer: Optimizer,
  trials: ComboTrials,
  fold: Fold,
  progress: WfoProgress,
): { choice: FoldChoice; rng: RngState | null; warm: Genome[] } {
  const fitness = (p: ParamValues) =>
    windowFitness(trials.trades(p), input.series.close, fold, input.minTrades).fitness;
  const specs = input.strategy.parameters;
  let params: ParamValues;
  let best: number;
  let rng: RngState | null = null;
  let warm: Genome[] = [];
  if (optimizer.kind === 'grid') ({ params, fitness: best } = gridSearch(specs, fitness));
  else {
    const start = gaInit(
      specs,
      optimizer.options,
      progress.rng ?? optimizer.seed,
      fitness,
      progress.warm,
    );
    const run = gaFinish(specs, optimizer.options, start, fitness);
    ({ best: params, fitness: best } = run);
    rng = run.state.rng;
    const order = run.state.population
      .map((_, i) => i)
      .sort((a, b) => (run.state.fitness[b] ?? 0) - (run.state.fitness[a] ?? 0) || a - b);
    warm = order
      .slice(0, Math.max(1, optimizer.options.elite))
      .map((i) => run.state.population[i] ?? []);
  }
  const qualified = Number.isFinite(best);
  const choice = {
    fold,
    params: qualified ? params : defaultParams(specs),
    fitness: qualified ? best : null,
    qualified,
  };
  return { choice, rng, warm };
}

export function walkForward(
  input: WfoInput,
  optimizer: Optimizer,
  resume?: WfoProgress,
  onFold?: (p: WfoProgress) => void,
): WfoRun {
  const n = input.series.close.length;
  const windows = { ...input.windows, start: Math.max(0, input.strategy.warmup - 1) };
  const exitAt = input.strategyExits
    ? strategyExitSeries(input.strategy.name, input.series, input.ctx)
    : null;
  const trials = comboTrials(input.series, input.strategy, input.ctx, input.backtest, exitAt);
  let progress: WfoProgress = resume ?? { done: [], rng: null, warm: [] };
  for (const fold of rollingFolds(n, windows).slice(progress.done.length)) {
    const { choice, rng, warm } = choose(input, optimizer, trials, fold, progress);
    progress = { done: [...progress.done, choice], rng, warm };
    onFold?.(progress);
  }
  const current = choose(input, optimizer, trials, latestWindow(n, windows), progress).choice;
  return { folds: progress.done, current, trials };
}
