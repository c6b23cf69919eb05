/** @module Closed trades for the report, pure: strategy attribution from the journal, the cost model applied, and win/loss statistics. */
import { roundTripPnl, type CostModel } from '../../domain/rules/costs.ts';
import { cents } from '../../domain/money.ts';
import { profitFactor, winRate } from '../../domain/rules/metrics.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import type { JournalEntry } from '../../domain/ports.ts';
import type { RealizedSale } from './fill-ledger.ts';
import type { ReportTrade, TradeStats } from './report-data.ts';

/** An entry decision may be journaled a little after the broker stamped the fill (clocks differ). */
const SLACK_MS = 60_000;

/** An entry sent by `trade`, or by the daemon's intraday strategies (docs/intraday.md). */
const isEntrySubmitted = (e: JournalEntry): boolean =>
  (e.actor === 'trade' && e.action === 'entry_submitted') || (e.actor === 'intraday' && e.action === 'intraday_entry_submitted');

/** The strategy of the latest entry the trader (or the daemon's intraday strategies) journaled for the symbol at or before `ts`. */
export function strategyAt(
  journal: readonly JournalEntry[],
  symbol: string,
  ts: number,
): { strategy: string | null; ts: number | null } {
  let best: JournalEntry | undefined;
  for (const e of journal) {
    if (
      isEntrySubmitted(e) &&
      e.symbol === symbol &&
      e.ts <= ts + SLACK_MS &&
      (best === undefined || e.ts >= best.ts)
    )
      best = e;
  }
  const strategy = best?.data?.strategy;
  return { strategy: typeof strategy === 'string' ? strategy : null, ts: best?.ts ?? null };
}

export function toReportTrade(
  sale: RealizedSale,
  journal: readonly JournalEntry[],
  model: CostModel,
): ReportTrade {
  const { strategy } = strategyAt(journal, sale.symbol, sale.tsOpened ?? sale.tsFilled);
  const trip =
    sale.entryPrice === null
      ? null
      : roundTripPnl(
          { entryPrice: sale.entryPrice, exitPrice: sale.exitPrice, qty: sale.qty },
          model,
        );
  return {
    orderId: sale.orderId,
    symbol: sale.symbol,
    strategy,
    qty: sale.qty,
    entryPrice: sale.entryPrice,
    exitPrice: sale.exitPrice,
    realizedPl: sale.realizedPl === null ? null : cents(sale.realizedPl),
    realizedPlPct:
      sale.entryPrice === null || sale.entryPrice === 0
        ? null
        : sale.exitPrice / sale.entryPrice - 1,
    modelCosts: trip === null ? null : cents(trip.costs),
    netPl: trip === null ? null : cents(trip.net),
    filledAt: nyIso(sale.tsFilled),
  };
}

function stats(strategy: string, trades: readonly ReportTrade[]): TradeStats {
  const nets = trades.map((t) => t.netPl ?? 0);
  return {
    strategy,
    trades: trades.length,
    winRate: winRate(nets),
    profitFactor: profitFactor(nets),
    grossPl: cents(trades.reduce((a, t) => a + (t.realizedPl ?? 0), 0)),
    modelCosts: cents(trades.reduce((a, t) => a + (t.modelCosts ?? 0), 0)),
    netPl: cents(nets.reduce((a, b) => a + b, 0)),
  };
}

/** Win rate and profit factor on P/L net of the cost model, overall and per strategy (trades with a known entry only). */
export function tradeStats(history: readonly ReportTrade[]): {
  overall: TradeStats;
  byStrategy: TradeStats[];
} {
  const known = history.filter((t) => t.netPl !== null);
  const groups = new Map<string, ReportTrade[]>();
  for (const t of known) {
    const key = t.strategy ?? 'unattributed';
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const byStrategy = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, ts]) => stats(k, ts));
  return { overall: stats('all', known), byStrategy };
}
