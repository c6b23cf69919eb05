/**
 * @module Per-strategy totals over one night's signal logs, to find strategies losing money in aggregate.
 * A strategy loses in aggregate when, over all its logs with at least one trade, its trade-weighted
 * average return is <= 0 or its trade-weighted profit factor is < 1.
 */
import type { SignalSummary } from './signal-summary.ts';

export interface StrategyAggregate {
  readonly strategy: string;
  readonly logs: number;
  readonly trades: number;
  /** Σ(trades × avg_return_pct) / Σ trades; null when the strategy has no trades. */
  readonly avgReturnPct: number | null;
  /** Σ(trades × profit_factor) / Σ trades (Infinity when any log has no losses); null without trades. */
  readonly profitFactor: number | null;
  readonly losing: boolean;
}

type Summary = Pick<SignalSummary, 'strategy' | 'trades' | 'avg_return_pct' | 'profit_factor'>;

export function aggregateStrategies(summaries: readonly Summary[]): Map<string, StrategyAggregate> {
  const acc = new Map<string, { logs: number; trades: number; ret: number; pf: number }>();
  for (const s of summaries) {
    const a = acc.get(s.strategy) ?? { logs: 0, trades: 0, ret: 0, pf: 0 };
    a.logs += 1;
    if (s.trades > 0) {
      a.trades += s.trades;
      a.ret += s.trades * s.avg_return_pct;
      a.pf += s.trades * s.profit_factor;
    }
    acc.set(s.strategy, a);
  }
  const out = new Map<string, StrategyAggregate>();
  for (const [strategy, a] of acc) {
    const avgReturnPct = a.trades > 0 ? a.ret / a.trades : null;
    const profitFactor = a.trades > 0 ? a.pf / a.trades : null;
    const losing =
      avgReturnPct !== null && profitFactor !== null && (avgReturnPct <= 0 || profitFactor < 1);
    out.set(strategy, {
      strategy,
      logs: a.logs,
      trades: a.trades,
      avgReturnPct,
      profitFactor,
      losing,
    });
  }
  return out;
}
