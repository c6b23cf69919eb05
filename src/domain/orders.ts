/** @module Orders as the engine sees them: commands it sends and reports the broker returns. */
import type { Price, Qty } from './money.ts';

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type TimeInForce = 'day' | 'gtc' | 'opg' | 'cls' | 'ioc' | 'fok';
export type OrderClass = 'simple' | 'bracket' | 'oco' | 'oto';

export type OrderStatus =
  | 'accepted'
  | 'pending_new'
  | 'new'
  | 'partially_filled'
  | 'held'
  | 'pending_cancel'
  | 'pending_replace'
  | 'done_for_day'
  | 'filled'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'rejected'
  | 'stopped'
  | 'suspended'
  | 'calculated'
  | 'accepted_for_bidding';

const TERMINAL: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'expired',
  'replaced',
  'rejected',
]);

export const isTerminalStatus = (s: OrderStatus): boolean => TERMINAL.has(s);

/** Command: submit one order. `clientOrderId` is always deterministic, derived from what it serves. */
export interface SubmitOrder {
  readonly kind: 'SubmitOrder';
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly qty?: Qty;
  readonly notional?: number;
  readonly limitPrice?: Price;
  readonly stopPrice?: Price;
  readonly orderClass?: OrderClass;
  readonly takeProfit?: { readonly limitPrice: Price };
  readonly stopLoss?: { readonly stopPrice: Price; readonly limitPrice?: Price };
  /** Why the engine sends it; journaled with the submission. */
  readonly reason: string;
}

/** Snapshot of one order as the broker reports it (REST or the order inside a trade update). */
export interface OrderReport {
  readonly kind: 'OrderReport';
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly orderClass: OrderClass;
  readonly status: OrderStatus;
  readonly qty: Qty | null;
  readonly notional: number | null;
  readonly filledQty: Qty;
  readonly filledAvgPrice: Price | null;
  readonly limitPrice: Price | null;
  readonly stopPrice: Price | null;
  readonly tsCreated: number;
  readonly tsUpdated: number;
  readonly tsFilled: number | null;
  readonly legs: readonly OrderReport[];
}
