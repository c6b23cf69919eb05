/**
 * @module The statistics behind a verdict, as the signal log's summary line and the scan JSON both carry them
 * (snake_case, rounded so the same data gives byte-identical files). docs/research.md explains each field.
 */
import type { StrategyOutcome } from '../scan/judge-scan.ts';
import { round } from './round.ts';

const num = (n: number | null, d: number): number | null =>
  n === null || !Number.isFinite(n) ? null : round(n, d);

/** p- and q-values keep their small digits: 1e-7 and 3e-9 are different evidence. */
const prob = (p: number): number => (p < 1e-4 ? Number(p.toPrecision(3)) : round(p, 6));

export function verdictJson(o: StrategyOutcome): Record<string, unknown> {
  const e = o.evidence;
  return {
    verdict_reason: o.verdict.reason,
    oos_from: e.oosFrom,
    oos_trades: e.trades,
    excess_return_pct: num(e.excessReturnPct, 4),
    excess_sd_pct: num(e.excessSdPct, 4),
    benchmark_return_pct: num(e.benchmarkPct, 4),
    buy_hold_daily_pct: num(e.buyHoldDailyPct, 5),
    exposure_pct: num(e.exposurePct, 2),
    t_stat: num(e.tStat, 4),
    p_value: prob(e.pValue),
    q_value: prob(o.verdict.qValue),
    family_size: o.verdict.familySize,
    max_drawdown_pct: num(o.stats.maxDrawdownPct, 4),
    params_source: o.paramsSource,
    params: o.params,
  };
}
