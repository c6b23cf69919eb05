/** @module Ports: the narrow interfaces through which the engine reaches the outside world. */
import type { Observable } from 'rxjs';
import type {
  AccountReport,
  AssetReport,
  Bar,
  CalendarDay,
  ClockReport,
  LatestPrice,
  PositionReport,
} from './account.ts';
import type {
  FillQuery,
  FillReport,
  PortfolioHistoryQuery,
  PortfolioHistoryReport,
} from './account-history.ts';
import type { BadFrame, FeedEvent, MarketBar, MarketTrade, TradeUpdate } from './events.ts';
import type { OrderReport, SubmitOrder } from './orders.ts';
import type { BrokerError } from './broker-error.ts';

export type BarTimeframe = '1Min' | '5Min' | '15Min' | '1Hour' | '1Day';
/** Prices as traded ('raw'), or history restated for splits, dividends or both as of the request. */
export type BarAdjustment = 'raw' | 'split' | 'dividend' | 'all';

export interface OrderQuery {
  readonly status?: 'open' | 'closed' | 'all';
  readonly symbols?: readonly string[];
  /** Exclusive lower bound on submission time, epoch ms. */
  readonly after?: number;
  readonly limit?: number;
  readonly nested?: boolean;
  /** A soft exit waits on this listing (its open-order sweep): queued like an order's resolution, not an audit. */
  readonly urgent?: boolean;
}

/**
 * The broker, as the engine needs it. Every method rejects with a {@link BrokerError}
 * already classified at the adapter, so nothing past the adapter reads HTTP codes.
 */
export interface Broker {
  getAccount(): Promise<AccountReport>;
  getClock(): Promise<ClockReport>;
  /** Trading days between two New York dates (YYYY-MM-DD), inclusive. */
  getCalendar(startDate: string, endDate: string): Promise<CalendarDay[]>;
  getAsset(symbol: string): Promise<AssetReport>;
  listPositions(): Promise<PositionReport[]>;
  listOrders(query: OrderQuery): Promise<OrderReport[]>;
  getOrder(orderId: string): Promise<OrderReport>;
  /** Resolves undefined when the broker has never seen this client order id. */
  getOrderByClientId(clientOrderId: string): Promise<OrderReport | undefined>;
  submitOrder(command: SubmitOrder): Promise<OrderReport>;
  cancelOrder(orderId: string): Promise<void>;
  cancelAllOrders(): Promise<void>;
  /** Sells (or covers) the whole position at market; resolves the liquidating order. */
  closePosition(symbol: string): Promise<OrderReport>;
  closeAllPositions(): Promise<void>;
  /** Bars per symbol, all pages followed; raw prices unless `adjustment` asks otherwise. */
  getBars(
    symbols: readonly string[],
    timeframe: BarTimeframe,
    tsStart: number,
    tsEnd?: number,
    adjustment?: BarAdjustment,
  ): Promise<Record<string, Bar[]>>;
  getLatestPrices(symbols: readonly string[]): Promise<Record<string, LatestPrice>>;
  /** The account's fills (the broker's FILL activities) in the time range, oldest first, all pages followed. */
  listFills(query: FillQuery): Promise<FillReport[]>;
  /** The account's equity curve (the broker's portfolio history). */
  getPortfolioHistory(query: PortfolioHistoryQuery): Promise<PortfolioHistoryReport>;
}

/** The broker's trading stream: trade updates plus connection state. Cold; share in streams/. */
export interface TradeUpdateFeed {
  tradeUpdates$(): Observable<TradeUpdate | FeedEvent | BadFrame>;
}

/**
 * The market-data stream: trades (or minute bars) for the symbols most recently emitted by `symbols$`. Both ride
 * one connection (Alpaca allows one per account): each subscription adds its symbols to it.
 */
export interface MarketFeed {
  trades$(symbols$: Observable<readonly string[]>): Observable<MarketTrade | FeedEvent | BadFrame>;
  bars$(symbols$: Observable<readonly string[]>): Observable<MarketBar | FeedEvent | BadFrame>;
}

/** Time, from one place. The live clock follows the broker's clock (see streams/clock). */
export interface Clock {
  now(): number;
}

export interface Alert {
  /** SMS-sized line, at most 160 characters. */
  readonly short: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly severity: 'info' | 'warning' | 'critical';
}

export interface Mailer {
  /** Sends the alert to every configured channel; logs instead when none is configured. Never throws. */
  alert(alert: Alert): Promise<void>;
}

/** One decision that moves money, with who made it and why. */
export interface JournalEntry {
  readonly ts: number;
  readonly actor: string;
  readonly action: string;
  readonly reason: string;
  readonly symbol?: string;
  readonly clientOrderId?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Structured events for logs/events/events_<run_id>.jsonl. */
export interface EventSink {
  emit(type: string, fields?: Record<string, unknown>): void;
}

/** The kill switch as the daemon sees it: killswitch/HALT or TRADING_DISABLED. */
export interface KillSwitch {
  isHalted(): boolean;
  /** Creates killswitch/HALT with the reason (the daily-loss breaker, safety mode, `strikeline halt`). */
  halt(reason: string): void;
}

/** What killswitch/HALT holds: when, who and why. */
export interface HaltRecord {
  readonly ts: string;
  readonly who: string;
  readonly reason: string;
}

/** The kill switch as the commands see it: the file's record, engaged and released by halt, resume and trade. */
export interface HaltSwitch extends KillSwitch {
  readonly path: string;
  readonly tradingDisabled: boolean;
  /** The HALT file's record, or undefined when there is none (a hand-made file reads as its text). */
  read(): HaltRecord | undefined;
  /** Creates HALT unless it exists; `created` false means it was already in place (the first record wins). */
  engage(reason: string): { created: boolean; record: HaltRecord };
  /** Removes HALT; resolves the record removed, or undefined when there was none. */
  release(): HaltRecord | undefined;
}

export type { BrokerError };
