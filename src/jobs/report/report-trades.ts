/** @module Closed trades for the report, pure: strategy attribution from the journal, the cost model applied, and win/loss statistics. */
import { roundTripPnl, type CostModel } from '../../domain/rules/costs.ts';
import { cents } from '../../domain/money.ts';
import { profitFactor, winRate } from '../../domain/rules/metrics.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import type { JournalEntry } from '../../domain/ports.ts';
import { exitReasonOf } from './exit-reason.ts';
import type { RealizedSale } from './fill-ledger.ts';
import type { ReportTrade, TradeStats } from './report-data.ts';

/** An entry decision may be journaled a little after the broker stamped the fill (clocks differ). */
const SLACK_MS = 60_000;

/** An entry sent by `trade`, or by the daemon's intraday strategies (docs/intraday.md). */
const isEntrySubmitted = (e: JournalEntry): boolean =>
  (e.actor === 'trade' && e.action === 'entry_submitted') ||
  (e.actor === 'intraday' && e.action === 'intraday_entry_submitted');

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

/** One trade from the sales of one position (see round-trips.ts); `stillHeld` when shares of it remain. */
export function toReportTrade(
  sales: readonly RealizedSale[],
  journal: readonly JournalEntry[],
  model: CostModel,
  stillHeld = false,
): ReportTrade {
  const first = sales[0];
  if (first === undefined) throw new RangeError('a trade needs one sale at least');
  const last = sales[sales.length - 1] ?? first;
  const { strategy } = strategyAt(journal, first.symbol, first.tsOpened ?? first.tsFilled);
  const qty = sales.reduce((a, s) => a + s.qty, 0);
  // One sale keeps its prices exactly; several are weighted by quantity.
  const weighted = (price: (s: RealizedSale) => number): number =>
    sales.length === 1 ? price(first) : sales.reduce((a, s) => a + price(s) * s.qty, 0) / qty;
  const exitPrice = weighted((s) => s.exitPrice);
  const known = sales.every((s) => s.entryPrice !== null);
  const entryPrice = known ? weighted((s) => s.entryPrice ?? 0) : null;
  const trips = known
    ? sales.map((s) =>
        roundTripPnl({ entryPrice: s.entryPrice ?? 0, exitPrice: s.exitPrice, qty: s.qty }, model),
      )
    : null;
  // The reason of the leg that sold the most shares: the whole-share OCO over its fractional companion.
  const main = sales.reduce((a, s) => (s.qty > a.qty ? s : a), first);
  const cause = exitReasonOf(main, journal);
  return {
    orderId: first.orderId,
    symbol: first.symbol,
    strategy,
    qty,
    entryPrice,
    exitPrice,
    realizedPl: known ? cents(sales.reduce((a, s) => a + (s.realizedPl ?? 0), 0)) : null,
    realizedPlPct: entryPrice === null || entryPrice === 0 ? null : exitPrice / entryPrice - 1,
    modelCosts: trips === null ? null : cents(trips.reduce((a, t) => a + t.costs, 0)),
    netPl: trips === null ? null : cents(trips.reduce((a, t) => a + t.net, 0)),
    filledAt: nyIso(last.tsFilled),
    entryAt: first.tsOpened === null ? null : nyIso(first.tsOpened),
    holdingMs: first.tsOpened === null ? null : last.tsFilled - first.tsOpened,
    exitReason: cause.reason,
    exitDetail: cause.detail,
    legs: sales.length,
    legOrderIds: sales.map((s) => s.orderId),
    partial: stillHeld,
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
