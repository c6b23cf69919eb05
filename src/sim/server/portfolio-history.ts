/**
 * @module The account's equity over time, rebuilt from its activity (fills at their prices, splits, dividends paid)
 * and the last trade of each held symbol at each point: the same figures the account showed then. Daily points
 * are each session's closing equity, stamped at New York midnight of its date; intraday points are taken every
 * timeframe step inside the reporting window (core hours, 04:00-20:00, or the whole day).
 */
import type { Exchange, Session } from '../contracts.ts';
import type { SimActivity } from '../account-contracts.ts';
import { nyEpoch } from '../market/ny-time.ts';

export type HistoryTimeframe = '1Min' | '5Min' | '15Min' | '1H' | '1D';
export type IntradayReporting = 'market_hours' | 'extended_hours' | 'continuous';

const STEP_MS: Readonly<Record<HistoryTimeframe, number>> = {
  '1Min': 60_000,
  '5Min': 300_000,
  '15Min': 900_000,
  '1H': 3_600_000,
  '1D': 86_400_000,
};

/** Cash and shares at a time, replayed from the activity (sorted by time). */
export function holdingsAt(
  initialCash: number,
  activities: readonly SimActivity[],
  ts: number,
): { cash: number; shares: Map<string, number> } {
  let cash = initialCash;
  const shares = new Map<string, number>();
  for (const a of activities) {
    if (a.ts > ts) break;
    if (a.kind === 'fill') {
      const signed = a.side === 'buy' ? a.qty : -a.qty;
      cash -= signed * a.price;
      shares.set(a.symbol, (shares.get(a.symbol) ?? 0) + signed);
    } else if (a.kind === 'split') {
      shares.set(a.symbol, a.qty);
    } else {
      cash += a.netAmount;
    }
  }
  return { cash, shares };
}

/** The cash the account opened with: today's cash less what fills and dividends changed. */
export function initialCashOf(cashNow: number, activities: readonly SimActivity[]): number {
  let cash = cashNow;
  for (const a of activities) {
    if (a.kind === 'fill') cash += a.side === 'buy' ? a.price * a.qty : -a.price * a.qty;
    else if (a.kind === 'dividend') cash -= a.netAmount;
  }
  return cash;
}

export function equityAt(
  exchange: Exchange,
  initialCash: number,
  activities: readonly SimActivity[],
  ts: number,
): number {
  const { cash, shares } = holdingsAt(initialCash, activities, ts);
  let equity = cash;
  for (const [symbol, qty] of shares)
    if (Math.abs(qty) > 1e-12) equity += qty * exchange.lastTradeAt(symbol, ts).price;
  return equity;
}

/** The instants of the points of one session. */
export function pointsOf(
  session: Session,
  timeframe: HistoryTimeframe,
  reporting: IntradayReporting,
): number[] {
  if (timeframe === '1D') return [session.tsClose];
  const [from, to] =
    reporting === 'market_hours'
      ? [session.tsOpen, session.tsClose]
      : reporting === 'extended_hours'
        ? [nyEpoch(session.date, 4 * 60), nyEpoch(session.date, 20 * 60)]
        : [nyEpoch(session.date), nyEpoch(session.date, 24 * 60)];
  const out: number[] = [];
  for (let t = from; t <= to; t += STEP_MS[timeframe]) out.push(t);
  return out;
}

/** The stamp a point is listed under: the session date's midnight for daily points, the instant otherwise. */
export const stampOf = (session: Session, timeframe: HistoryTimeframe, ts: number): number =>
  timeframe === '1D' ? nyEpoch(session.date) : ts;
