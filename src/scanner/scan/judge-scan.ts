/**
 * @module The scan's verdicts: every strategy x ticker that ran is one try of the family; the family is judged
 * at once (Benjamini–Hochberg across all of them), then each ticker's speaking strategy is chosen.
 */
import type { Trade } from '../backtest/trade.ts';
import { judgeFamily } from '../research/verdict/judge-family.ts';
import type { VerdictRules } from '../research/verdict/verdict-rules.ts';
import { pickBest, type StrategyOutcome } from './pick-best.ts';
import type { TickerResult } from './ticker-scan.ts';

export type { StrategyOutcome } from './pick-best.ts';

export interface TickerScan {
  readonly symbol: string;
  readonly bars: number;
  readonly lastDate: string;
  readonly lastClose: number;
  readonly outcomes: readonly StrategyOutcome[];
  /** The strategy written to the ticker's signal log, with its trades (null when no strategy ran). */
  readonly best: (StrategyOutcome & { readonly trades: readonly Trade[] }) | null;
}

export function judgeScan(tickers: readonly TickerResult[], rules: VerdictRules): TickerScan[] {
  const decisions = judgeFamily(
    tickers.flatMap((t) =>
      t.outcomes.map((o) => ({ evidence: o.evidence, maxDrawdownPct: o.stats.maxDrawdownPct })),
    ),
    rules,
  );
  let k = 0;
  return tickers.map((t) => {
    const trades = new Map<string, readonly Trade[] | null>();
    const outcomes = t.outcomes.map(({ trades: kept, ...o }) => {
      trades.set(o.strategy, kept);
      const verdict = decisions[k++];
      if (verdict === undefined) throw new Error('judgeScan: the family lost an outcome');
      return { ...o, verdict };
    });
    const best = pickBest(outcomes);
    if (best === null) return { ...t, outcomes, best: null };
    const kept = trades.get(best.strategy);
    // ticker-scan keeps the trades of every outcome pickBest can choose; a miss is a bug, not data.
    if (kept === null || kept === undefined)
      throw new Error(
        `judgeScan: ${t.symbol} ${best.strategy} was chosen but its trades were not kept`,
      );
    return { ...t, outcomes, best: { ...best, trades: kept } };
  });
}
