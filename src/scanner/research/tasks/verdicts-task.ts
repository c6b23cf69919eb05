/**
 * @module `--task verdicts`: the verdict study over the universe with the scan's own options (costs, exits,
 * walk-forward schedules, promoted rules): honest verdicts against the rule the scanner used before, and the
 * random-entry control. Writes data/research/verdicts/<date>.json with every try's row.
 */
import { join } from 'node:path';
import { round } from '../../output/round.ts';
import type { ScanOptions } from '../../scan/ticker-scan.ts';
import { writeJsonFile } from '../io/json-file.ts';
import type { StudyJob } from '../work/research-job.ts';
import { judgeFamily } from '../verdict/judge-family.ts';
import type { StudyOutcome } from '../verdicts/control-ticker.ts';
import { LAX_MIN_TRADES, verdictStudy, type VerdictStudy } from '../verdicts/verdict-study.ts';
import { runWithProgress, type JobFailure, type TaskContext } from './task-context.ts';

export interface VerdictsSummary extends VerdictStudy {
  readonly file: string;
  readonly failed: readonly JobFailure[];
}

function rows(outcomes: readonly StudyOutcome[], t: TaskContext): unknown[] {
  const honest = judgeFamily(outcomes, t.env.verdict);
  const control = judgeFamily(
    outcomes.map((o) => o.control),
    t.env.verdict,
  );
  return outcomes.map((o, k) => ({
    ticker: o.symbol,
    strategy: o.strategy,
    verdict: honest[k]?.verdict,
    reason: honest[k]?.reason,
    q_value: Number((honest[k]?.qValue ?? 1).toPrecision(6)),
    oos_trades: o.evidence.trades,
    excess_return_pct: round(o.evidence.excessReturnPct, 4),
    p_value: Number(o.evidence.pValue.toPrecision(6)),
    max_drawdown_pct: round(o.maxDrawdownPct, 4),
    lax_verdict:
      o.stats.trades >= LAX_MIN_TRADES && o.stats.expectancyUsd > 0 ? 'PROFITABLE' : 'UNPROFITABLE',
    control_verdict: control[k]?.verdict,
    control_excess_return_pct: round(o.control.evidence.excessReturnPct, 4),
    control_p_value: Number(o.control.evidence.pValue.toPrecision(6)),
  }));
}

export async function verdictsTask(
  t: TaskContext,
  options: ScanOptions,
  date: string,
): Promise<VerdictsSummary> {
  const chunks = Math.max(1, Math.min(t.workers * 4, t.market.symbols.length));
  const jobs: StudyJob[] = Array.from({ length: chunks }, (_, k): StudyJob => ({
    kind: 'study',
    symbols: t.market.symbols.filter((_s, i) => i % chunks === k),
    names: t.names,
    options,
  })).filter((j) => j.symbols.length > 0);
  const outcomes = await runWithProgress(t, 'verdict study', jobs);
  const failed: JobFailure[] = [];
  const bySymbol = new Map<string, StudyOutcome[]>();
  outcomes.forEach((o, k) => {
    if (!o.ok)
      failed.push({ job: `tickers ${jobs[k]?.symbols.join(',') ?? ''}`, message: o.message });
    else for (const x of o.result) bySymbol.set(x.symbol, [...(bySymbol.get(x.symbol) ?? []), x]);
  });
  const all = t.market.symbols.flatMap((s) => bySymbol.get(s) ?? []);
  const study = verdictStudy(all, t.env.verdict);
  const file = join(t.paths.verdicts, `${date}.json`);
  writeJsonFile(file, {
    date,
    rules: t.env.verdict,
    lax_rule: `expectancy > 0 over >= ${LAX_MIN_TRADES} trades`,
    seed: t.env.seed,
    study,
    tries: rows(all, t),
  });
  return { ...study, file, failed };
}
