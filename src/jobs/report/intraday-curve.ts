/** @module The report day's intraday equity from the broker's portfolio history, as chart points labelled in New York time. */
import type { PortfolioHistoryReport } from '../../domain/account-history.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import type { CurvePoint } from './equity-svg.ts';

/**
 * Points of the day that starts at `dayStart` (epoch ms) with a positive equity (the broker reports 0 before an
 * account existed), then the account's equity `now` when it is newer: the curve runs to the report's time.
 */
export function intradayCurve(
  history: PortfolioHistoryReport,
  dayStart: number,
  now: { readonly ts: number; readonly equity: number },
): CurvePoint[] {
  const points = history.points.filter((p) => p.ts >= dayStart && p.equity > 0);
  const last = points[points.length - 1];
  const withNow = last === undefined || now.ts > last.ts ? [...points, now] : points;
  // A lone "now" is not a curve: the day had no history yet.
  if (withNow.length < 2) return [];
  return withNow.map((p) => ({ date: nyIso(p.ts).slice(11, 16), equity: p.equity }));
}
