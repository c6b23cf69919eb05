/** @module Events the engine reacts to: the broker's trade updates, market trades, feed state. */
import type { Price, Qty } from './money.ts';
import type { OrderReport } from './orders.ts';
import type { Bar } from './account.ts';

export type TradeUpdateName =
  | 'new'
  | 'fill'
  | 'partial_fill'
  | 'canceled'
  | 'expired'
  | 'done_for_day'
  | 'replaced'
  | 'rejected'
  | 'pending_new'
  | 'pending_cancel'
  | 'pending_replace'
  | 'stopped'
  | 'suspended'
  | 'calculated'
  | 'order_replace_rejected'
  | 'order_cancel_rejected'
  | 'accepted'
  | 'unknown';

/** One event of Alpaca's trade_updates stream, mapped once at the adapter. */
export interface TradeUpdate {
  readonly kind: 'TradeUpdate';
  readonly event: TradeUpdateName;
  readonly order: OrderReport;
  readonly tsEvent: number;
  /** Execution fields, present on fill and partial_fill. */
  readonly price: Price | null;
  readonly qty: Qty | null;
  readonly positionQty: Qty | null;
  readonly executionId: string | null;
  /** Wall-clock arrival (ms, performance-independent), for latency accounting. */
  readonly tsReceived: number;
}

/** One printed trade of the market-data stream. */
export interface MarketTrade {
  readonly kind: 'MarketTrade';
  readonly symbol: string;
  readonly price: Price;
  readonly size: number;
  readonly tsEvent: number;
}

/** A 1-minute bar of the data stream (`T:"b"`), sent just after its minute ended; `ts` is the minute's start. */
export interface MarketBar {
  readonly kind: 'MarketBar';
  readonly symbol: string;
  readonly bar: Bar;
}

/** A feed (re)connected: events may have been missed, take a REST snapshot. */
export interface FeedResynced {
  readonly kind: 'FeedResynced';
  readonly feed: 'trading' | 'market';
  readonly tsEvent: number;
}

/** A feed lost its connection. */
export interface FeedDown {
  readonly kind: 'FeedDown';
  readonly feed: 'trading' | 'market';
  readonly tsEvent: number;
  readonly reason: string;
}

export type FeedEvent = FeedResynced | FeedDown;

/**
 * A frame the adapter refused: not a known event, no parseable broker timestamp, or numbers that cannot be (a
 * fill with qty Infinity, a price of -5). It is dropped before it can touch the holdings or the clock.
 */
export interface BadFrame {
  readonly kind: 'BadFrame';
  readonly feed: 'trading' | 'market';
  readonly reason: string;
  /** What identifies the frame in a log line: event, symbol, order and client ids as far as they were readable. */
  readonly frame: Readonly<Record<string, string>>;
}
