/** @module Broker reports of the account's history: its fills (Alpaca's FILL activities) and its equity curve (portfolio history). */
import type { Price, Qty } from './money.ts';
import type { OrderStatus } from './orders.ts';

/** One execution, as the broker's activity log reports it (the reconciliation's record of what filled). */
export interface FillReport {
  readonly kind: 'FillReport';
  /** The broker's activity id (Alpaca: `<UTC time>::<execution id>`): unique, and ordered by time. */
  readonly id: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: Price;
  readonly qty: Qty;
  /** The order's filled qty after this execution, and what was left of it. */
  readonly cumQty: Qty;
  readonly leavesQty: Qty;
  readonly orderStatus: OrderStatus;
  /** A partial fill (the order was still open after it). */
  readonly partial: boolean;
  readonly tsTransaction: number;
}

export interface FillQuery {
  /** Exclusive bounds on the transaction time, epoch ms. */
  readonly after?: number;
  readonly until?: number;
}

export type EquityTimeframe = '1Min' | '5Min' | '15Min' | '1H' | '1D';

export interface PortfolioHistoryQuery {
  readonly timeframe: EquityTimeframe;
  /** Alpaca's period (`1D`, `1W`, `1M`, `3M`, `1A`, ...): counted from tsStart when given, else back from tsEnd. */
  readonly period?: string;
  readonly tsStart?: number;
  /** Default: now. */
  readonly tsEnd?: number;
}

export interface EquityPoint {
  /** The point's time (daily points: the session's date at midnight New York), epoch ms. */
  readonly ts: number;
  readonly equity: number;
  readonly profitLoss: number;
  /** A fraction: 0.01 = 1 %. */
  readonly profitLossPct: number;
}

export interface PortfolioHistoryReport {
  readonly kind: 'PortfolioHistoryReport';
  readonly timeframe: EquityTimeframe;
  /** The equity the profit and loss are measured from. */
  readonly baseValue: number;
  readonly points: readonly EquityPoint[];
}
