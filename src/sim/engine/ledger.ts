/** @module Cash and positions: applies executions (weighted average entry on buys, realized P/L on sells) and rolls between sessions. */
import type { SimSide } from '../contracts.ts';
import { roundQty } from '../../domain/money.ts';

export interface PositionState {
  qty: number;
  avgEntry: number;
  /** Cost of the position measured from the previous close (for intraday P/L). */
  intradayCost: number;
}

export interface Ledger {
  cash: number;
  realizedPl: number;
  /** Equity at the previous trading day's close (Alpaca: unchanged until the next session opens). */
  lastEquity: number;
  /** The latest close's equity and prices, taken over by `lastEquity` and the intraday bases at the next open. */
  closing: { equity: number; prices: Map<string, number> } | undefined;
  readonly positions: Map<string, PositionState>;
}

export function createLedger(cash: number): Ledger {
  return { cash, realizedPl: 0, lastEquity: cash, closing: undefined, positions: new Map() };
}

export function positionQty(ledger: Ledger, symbol: string): number {
  return ledger.positions.get(symbol)?.qty ?? 0;
}

/** Books one execution; returns the signed position quantity after it. Longs only: a sell never exceeds the position. */
export function applyExecution(
  ledger: Ledger,
  side: SimSide,
  symbol: string,
  price: number,
  qty: number,
): number {
  const pos = ledger.positions.get(symbol) ?? { qty: 0, avgEntry: 0, intradayCost: 0 };
  if (side === 'buy') {
    ledger.cash -= price * qty;
    const newQty = roundQty(pos.qty + qty);
    pos.avgEntry = (pos.avgEntry * pos.qty + price * qty) / newQty;
    pos.intradayCost += price * qty;
    pos.qty = newQty;
  } else {
    if (qty > pos.qty + 1e-9)
      throw new Error(`exchange bug: sell of ${qty} ${symbol} exceeds the position ${pos.qty}`);
    ledger.cash += price * qty;
    ledger.realizedPl += (price - pos.avgEntry) * qty;
    const newQty = roundQty(pos.qty - qty);
    pos.intradayCost = newQty > 0 ? (pos.intradayCost * newQty) / pos.qty : 0;
    pos.qty = newQty;
  }
  if (pos.qty === 0) ledger.positions.delete(symbol);
  else ledger.positions.set(symbol, pos);
  return pos.qty;
}

/** Sum of qty x last price over all positions. */
export function longMarketValue(ledger: Ledger, lastPrice: (symbol: string) => number): number {
  let total = 0;
  for (const [symbol, pos] of ledger.positions) total += pos.qty * lastPrice(symbol);
  return total;
}

/** At a session close: remember the closing equity and prices; the day's figures keep their base until the next open. */
export function recordClose(ledger: Ledger, lastPrice: (symbol: string) => number): void {
  const prices = new Map([...ledger.positions.keys()].map((symbol) => [symbol, lastPrice(symbol)]));
  ledger.closing = { equity: ledger.cash + longMarketValue(ledger, lastPrice), prices };
}

/** At a session open: last_equity and the intraday cost bases move to the previous close. */
export function rollLedgerAtOpen(ledger: Ledger, lastPrice: (symbol: string) => number): void {
  const closing = ledger.closing;
  if (closing === undefined) return;
  ledger.lastEquity = closing.equity;
  for (const [symbol, pos] of ledger.positions)
    pos.intradayCost = pos.qty * (closing.prices.get(symbol) ?? lastPrice(symbol));
  ledger.closing = undefined;
}
