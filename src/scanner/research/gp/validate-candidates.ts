/**
 * @module Out-of-sample validation of the islands' best rules: the best distinct ones by in-sample fitness (at
 * most research.gp.max_candidates) are run on the sessions after the split, pooled over every ticker, t-tested,
 * and corrected with Benjamini–Hochberg across the rules validated. A rule survives with enough trades, a mean
 * excess return above the minimum, and q <= the verdict's false-discovery rate: the same bar as a scan's verdict.
 */
import type { BacktestOptions } from '../../backtest/backtest.ts';
import { round } from '../../output/round.ts';
import type { IslandRule } from '../work/gp-job.ts';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.ts';
import type { VerdictRules } from '../verdict/verdict-rules.ts';
import {
  candidateId,
  CANDIDATE_FORMAT,
  CANDIDATE_VERSION,
  type CandidateFile,
  type PooledJson,
} from './candidate.ts';
import type { GpData } from './gp-data.ts';
import { pooledResult, type PooledResult } from './gp-fitness.ts';
import { ruleDepth, ruleSize, ruleText, ruleWarmup } from './rule.ts';

export interface Validated {
  readonly candidate: CandidateFile;
  readonly survived: boolean;
}

const pooledJson = (r: PooledResult): PooledJson => ({
  trades: r.trades,
  tickers_traded: r.tickersTraded,
  win_rate: round(r.winRate, 4),
  mean_return_pct: round(r.meanReturnPct, 4),
  excess_return_pct: round(r.test.mean, 4),
  t_stat: r.test.t === null ? null : round(r.test.t, 4),
  p_value: Number(r.test.p.toPrecision(6)),
});

export function validateCandidates(
  rules: readonly IslandRule[],
  data: GpData,
  backtest: BacktestOptions,
  verdict: VerdictRules,
  meta: {
    readonly seed: number;
    readonly dataFrom: string;
    readonly dataTo: string;
    readonly maxCandidates: number;
  },
): Validated[] {
  // One rule written several ways (x AND x, a redundant clause) trades the same in sample: the first of those in
  // fitness order (the same t-statistic less parsimony, so the smallest) stands for all, and the candidates
  // validated are distinct rules.
  const ordered = [...rules].sort(
    (a, b) => b.fitness - a.fitness || ruleSize(a.rule) - ruleSize(b.rule) || a.island - b.island,
  );
  const groups = new Map<string, { r: IslandRule; ins: PooledResult }>();
  for (const r of ordered) {
    const ins = pooledResult(r.rule, data, backtest, 'in');
    const same = `${ins.trades}:${ins.test.mean}:${ins.test.sd}`;
    if (!groups.has(same)) groups.set(same, { r, ins });
  }
  const results = [...groups.values()]
    .slice(0, meta.maxCandidates)
    .map(({ r, ins }) => ({ r, ins, oos: pooledResult(r.rule, data, backtest, 'out') }));
  const q = benjaminiHochberg(results.map((x) => x.oos.test.p));
  return results.map(({ r, ins, oos }, k) => {
    const qValue = q[k] ?? 1;
    const survived =
      oos.trades >= verdict.minTrades &&
      oos.test.mean > verdict.minExcessReturnPct &&
      qValue <= verdict.fdr;
    const candidate: CandidateFile = {
      format: CANDIDATE_FORMAT,
      version: CANDIDATE_VERSION,
      id: candidateId(r.rule),
      expression: ruleText(r.rule),
      rule: r.rule,
      warmup: ruleWarmup(r.rule),
      in_sample_through: data.inSampleThrough,
      out_of_sample_from: data.splitDate,
      discovered: {
        seed: meta.seed,
        island: r.island,
        generation: r.generation,
        data: { from: meta.dataFrom, to: meta.dataTo, tickers: data.tickers.length },
      },
      in_sample: {
        ...pooledJson(ins),
        fitness: round(r.fitness, 4),
        size: ruleSize(r.rule),
        depth: ruleDepth(r.rule),
      },
      out_of_sample: {
        ...pooledJson(oos),
        q_value: Number(qValue.toPrecision(6)),
        validated: results.length,
      },
    };
    return { candidate, survived };
  });
}
