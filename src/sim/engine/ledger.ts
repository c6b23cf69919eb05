/** @module Cash and positions: applies executions (weighted average entry on buys, realized P/L on sells) and rolls at the close. */
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
  /** Equity at the previous session close. */
  lastEquity: number;
  readonly positions: Map<string, PositionState>;
}

export function createLedger(cash: number): Ledger {
  return { cash, realizedPl: 0, lastEquity: cash, positions: new Map() };
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

/** At a session close: last_equity and the intraday cost basis move to the closing prices. */
export function rollLedgerAtClose(ledger: Ledger, lastPrice: (symbol: string) => number): void {
  ledger.lastEquity = ledger.cash + longMarketValue(ledger, lastPrice);
  for (const [symbol, pos] of ledger.positions) pos.intradayCost = pos.qty * lastPrice(symbol);
}
