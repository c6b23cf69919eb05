/**
 * @module `--task wfo` (grid search) and `--task ga` (the adaptive GA): walk-forward optimisation of every
 * parameterised strategy on every ticker with enough history. A result whose key (settings + bars) matches is
 * reused; the GA resumes a job from its checkpoint, which is removed once the job's result is written. The
 * out-of-sample results are judged as a family with the verdict's rules.
 */
import { round } from '../../output/round.ts';
import { STRATEGIES } from '../../strategies/registry.ts';
import { isParameterized } from '../../strategies/strategy.ts';
import { readJsonFile, removeFile, writeJsonFile } from '../io/json-file.ts';
import { runKey, seriesFingerprint } from '../work/run-key.ts';
import type { WfoJob } from '../work/wfo-job.ts';
import { judgeFamily } from '../verdict/judge-family.ts';
import { WFO_VERSION, type WfoResultFile } from '../wfo/wfo-result.ts';
import { runWithProgress, type JobFailure, type TaskContext } from './task-context.ts';

export interface WfoSummary {
  readonly optimizer: 'grid' | 'ga';
  readonly jobs: number;
  readonly computed: number;
  readonly reused: number;
  readonly failed: readonly JobFailure[];
  readonly evaluations: number;
  /** Strategy x ticker results PROFITABLE out of sample under the verdict's rules (judged as one family). */
  readonly profitable: { readonly count: number; readonly of: number };
  readonly best: ReadonlyArray<{
    strategy: string;
    symbol: string;
    oos_trades: number;
    excess_return_pct: number;
    p_value: number;
    q_value: number;
    verdict: string;
    params: Record<string, number>;
  }>;
}

function jobsOf(t: TaskContext, optimizer: 'grid' | 'ga'): WfoJob[] {
  const jobs: WfoJob[] = [];
  for (const name of t.names) {
    const strategy = STRATEGIES[name];
    if (!isParameterized(strategy)) continue;
    for (const symbol of t.market.symbols) {
      const series = t.market.series.get(symbol);
      if (
        series === undefined ||
        series.close.length < strategy.warmup + t.env.windows.inSample + t.env.windows.outOfSample
      )
        continue;
      const key = runKey({
        v: WFO_VERSION,
        name,
        symbol,
        optimizer,
        windows: t.env.windows,
        min: t.env.minInSampleTrades,
        backtest: t.env.backtest,
        ...(optimizer === 'ga' ? { ga: t.env.ga, seed: t.env.seed } : {}),
        data: seriesFingerprint(series),
      });
      jobs.push({
        kind: 'wfo',
        strategy: name,
        symbol,
        optimizer,
        checkpoint: optimizer === 'ga' ? t.paths.gaCheckpoint(name, symbol) : null,
        key,
      });
    }
  }
  return jobs;
}

function reusable(t: TaskContext, job: WfoJob): WfoResultFile | undefined {
  if (t.fresh) return undefined;
  try {
    const raw = readJsonFile(t.paths.resultFile(job.optimizer, job.strategy, job.symbol)) as
      WfoResultFile | undefined;
    return raw?.version === WFO_VERSION && raw.key === job.key ? raw : undefined;
  } catch {
    return undefined;
  }
}

export async function wfoTask(t: TaskContext, optimizer: 'grid' | 'ga'): Promise<WfoSummary> {
  const all = jobsOf(t, optimizer);
  const kept = new Map(
    all.flatMap((j) => {
      const r = reusable(t, j);
      return r === undefined ? [] : [[j, r] as const];
    }),
  );
  const todo = all.filter((j) => !kept.has(j));
  if (t.fresh) for (const j of todo) if (j.checkpoint !== null) removeFile(j.checkpoint);
  const outcomes = await runWithProgress(t, optimizer === 'grid' ? 'wfo (grid)' : 'ga', todo);
  const failed: JobFailure[] = [];
  const results: WfoResultFile[] = [...kept.values()];
  todo.forEach((job, k) => {
    const o = outcomes[k];
    if (o === undefined || !o.ok) {
      failed.push({ job: `${job.strategy} ${job.symbol}`, message: o?.message ?? 'no result' });
      return;
    }
    writeJsonFile(t.paths.resultFile(optimizer, job.strategy, job.symbol), o.result);
    if (job.checkpoint !== null) removeFile(job.checkpoint);
    results.push(o.result);
  });
  results.sort((a, b) => a.strategy.localeCompare(b.strategy) || a.symbol.localeCompare(b.symbol));
  const decisions = judgeFamily(
    results.map((r) => ({
      evidence: r.out_of_sample.evidence,
      maxDrawdownPct: r.out_of_sample.max_drawdown_pct,
    })),
    t.env.verdict,
  );
  const rows = results.map((r, k) => ({
    strategy: r.strategy,
    symbol: r.symbol,
    oos_trades: r.out_of_sample.trades,
    excess_return_pct: r.out_of_sample.evidence.excessReturnPct,
    p_value: r.out_of_sample.evidence.pValue,
    q_value: Number((decisions[k]?.qValue ?? 1).toPrecision(6)),
    verdict: decisions[k]?.verdict ?? 'UNPROFITABLE',
    params: { ...r.current.params },
  }));
  return {
    optimizer,
    jobs: all.length,
    computed: todo.length - failed.length,
    reused: kept.size,
    failed,
    evaluations: results.reduce((a, r) => a + r.evaluations, 0),
    profitable: { count: rows.filter((r) => r.verdict === 'PROFITABLE').length, of: rows.length },
    best: [...rows]
      .sort(
        (a, b) =>
          a.p_value - b.p_value ||
          a.strategy.localeCompare(b.strategy) ||
          a.symbol.localeCompare(b.symbol),
      )
      .slice(0, 10)
      .map((r) => ({ ...r, excess_return_pct: round(r.excess_return_pct, 4) })),
  };
}
