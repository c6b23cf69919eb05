/**
 * @module The file a walk-forward run leaves in data/research/{wfo,ga}/<strategy>/<ticker hex>.json: each fold's
 * windows and chosen parameters, the parameters for the sessions after the data, the stitched out-of-sample
 * statistics and verdict evidence, and the stitched out-of-sample equity curve. The scanner reads it back as a
 * parameter schedule (research.scan_params).
 */
import { round } from '../../output/round.ts';
import type { Series } from '../../series.ts';
import type { ParameterSpec, ParamValues } from '../params/parameter-spec.ts';
import type { VerdictEvidence } from '../verdict/verdict-evidence.ts';
import type { StitchedResult } from './stitch.ts';
import type { FoldChoice, WfoRun } from './walk-forward.ts';

export const WFO_FORMAT = 'strikeline-wfo';
export const WFO_VERSION = 1;

export interface FoldJson {
  /** In-sample and out-of-sample windows, first and last session (inclusive). */
  readonly in_sample: readonly [string, string];
  readonly out_of_sample: readonly [string, string];
  readonly params: ParamValues;
  readonly in_sample_fitness: number | null;
  readonly qualified: boolean;
}

export interface WfoResultFile {
  readonly format: typeof WFO_FORMAT;
  readonly version: typeof WFO_VERSION;
  readonly strategy: string;
  readonly symbol: string;
  readonly optimizer: 'grid' | 'ga';
  /** The settings and data this result came from (jobs/run-key.ts): a result with another key is not reused. */
  readonly key: string;
  readonly parameters: readonly ParameterSpec[];
  readonly data: { readonly from: string; readonly to: string; readonly bars: number };
  readonly folds: readonly FoldJson[];
  /** Chosen on the latest in-sample window: the parameters for the signal at `data.to`'s close and after. */
  readonly current: Omit<FoldJson, 'out_of_sample'>;
  readonly out_of_sample: {
    readonly trades: number;
    readonly win_rate: number;
    readonly avg_return_pct: number;
    readonly total_return_pct: number;
    readonly max_drawdown_pct: number;
    readonly sharpe: number | null;
    readonly evidence: VerdictEvidence;
  };
  readonly equity: { readonly from: string | null; readonly values: readonly number[] };
  /** Distinct parameter sets backtested. */
  readonly evaluations: number;
}

const num = (x: number | null, d: number): number | null =>
  x === null || !Number.isFinite(x) ? null : round(x, d);

function foldJson(s: Series, c: FoldChoice): FoldJson {
  const date = (i: number) => s.dates[Math.min(Math.max(0, i), s.dates.length - 1)] ?? '';
  return {
    in_sample: [date(c.fold.isFrom), date(c.fold.isTo - 1)],
    out_of_sample: [date(c.fold.oosFrom), date(c.fold.oosTo - 1)],
    params: c.params,
    in_sample_fitness: num(c.fitness, 4),
    qualified: c.qualified,
  };
}

function evidenceJson(e: VerdictEvidence): VerdictEvidence {
  return {
    oosFrom: e.oosFrom,
    trades: e.trades,
    buyHoldDailyPct: round(e.buyHoldDailyPct, 5),
    benchmarkPct: round(e.benchmarkPct, 4),
    excessReturnPct: round(e.excessReturnPct, 4),
    excessSdPct: round(e.excessSdPct, 4),
    tStat: num(e.tStat, 4),
    pValue: Number(e.pValue.toPrecision(6)),
    exposurePct: round(e.exposurePct, 2),
  };
}

export function wfoResultFile(
  s: Series,
  strategy: { readonly name: string; readonly parameters: readonly ParameterSpec[] },
  optimizer: 'grid' | 'ga',
  run: WfoRun,
  oos: StitchedResult,
  key = '',
): WfoResultFile {
  const { in_sample, params, in_sample_fitness, qualified } = foldJson(s, run.current);
  const st = oos.stats;
  return {
    format: WFO_FORMAT,
    version: WFO_VERSION,
    strategy: strategy.name,
    symbol: s.symbol,
    optimizer,
    key,
    parameters: strategy.parameters,
    data: { from: s.dates[0] ?? '', to: s.dates[s.dates.length - 1] ?? '', bars: s.close.length },
    folds: run.folds.map((c) => foldJson(s, c)),
    current: { in_sample, params, in_sample_fitness, qualified },
    out_of_sample: {
      trades: st.trades,
      win_rate: round(st.winRate, 4),
      avg_return_pct: round(st.avgReturnPct, 4),
      total_return_pct: round(st.totalReturnPct, 4),
      max_drawdown_pct: round(st.maxDrawdownPct, 4),
      sharpe: num(st.sharpe, 4),
      evidence: evidenceJson(oos.evidence),
    },
    equity: {
      from: s.dates[oos.from] ?? null,
      values: Array.from(oos.result.equity.subarray(oos.from), (v) => round(v, 2)),
    },
    evaluations: run.trials.evaluations(),
  };
}
