/** @module Equity and drawdown series for the dashboard's charts: percent from the first point, drawdown from the running peak. */
import type { PortfolioHistoryReport } from '../../domain/account-history.ts';

export interface EquitySeries {
  /** Epoch seconds (what the chart library plots). */
  readonly t: readonly number[];
  readonly equity: readonly number[];
  /** Change from the series' base value, in percent. */
  readonly changePct: readonly number[];
  /** Distance below the running peak, in percent (0 or negative). */
  readonly drawdownPct: readonly number[];
}

/** The account's equity right now, by the broker's clock. */
export interface LivePoint {
  readonly ts: number;
  readonly equity: number;
}

/**
 * Points with a positive equity only (the broker reports 0 before the account existed), then `live` when it is
 * newer than the last: the curve runs up to now instead of stopping at the history's last bar.
 */
export function equitySeries(history: PortfolioHistoryReport, live?: LivePoint): EquitySeries {
  const reported = history.points.filter((p) => p.equity > 0);
  const last = reported[reported.length - 1];
  const points =
    live !== undefined && live.equity > 0 && (last === undefined || live.ts > last.ts)
      ? [...reported, live]
      : reported;
  const base = history.baseValue > 0 ? history.baseValue : (points[0]?.equity ?? 0);
  let peak = 0;
  const drawdownPct = points.map((p) => {
    peak = Math.max(peak, p.equity);
    return peak > 0 ? (p.equity / peak - 1) * 100 : 0;
  });
  return {
    t: points.map((p) => Math.round(p.ts / 1000)),
    equity: points.map((p) => p.equity),
    changePct: points.map((p) => (base > 0 ? (p.equity / base - 1) * 100 : 0)),
    drawdownPct,
  };
}
