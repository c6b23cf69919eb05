/**
 * @module The simulator's internal contracts: the market (calendar + synthetic prices) and the exchange
 * (matching engine + account). The server (src/sim/server) puts Alpaca's wire protocols in front of them;
 * backtests and property tests may drive them in-process.
 */
import type {
  SimAccount,
  SimAccountConfig,
  SimActivity,
  SimPosition,
} from './account-contracts.ts';
import type { SimOrderStatus, SimSide } from './order-words.ts';

export type { SimOrderStatus, SimSide } from './order-words.ts';

/** One NYSE session. Dates are New York dates, times epoch ms. */
export interface Session {
  readonly date: string;
  readonly tsOpen: number;
  readonly tsClose: number;
  readonly early: boolean;
}

export interface MarketCalendar {
  /** The session on a New York date, or undefined on weekends and holidays. */
  sessionOn(date: string): Session | undefined;
  /** Sessions with startDate <= date <= endDate. */
  sessionsBetween(startDate: string, endDate: string): Session[];
  /** The session whose regular hours contain ts, if any. */
  sessionAt(ts: number): Session | undefined;
  /** The first session opening strictly after ts. */
  nextSessionAfter(ts: number): Session;
  /** The last session that closed at or before ts. */
  previousSessionBefore(ts: number): Session;
  isOpen(ts: number): boolean;
}

export interface SimBar {
  /** Bar start, epoch ms (daily bars: midnight New York). */
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  readonly n: number;
  readonly vw: number;
}

export type SimTimeframe = {
  readonly unit: 'Min' | 'Hour' | 'Day' | 'Week' | 'Month';
  readonly amount: number;
};

/** Alpaca's `adjustment`: raw prices, or history adjusted for splits, dividends or both (as of the query's now). */
export type SimAdjustment = 'raw' | 'split' | 'dividend' | 'all';

/** A split or cash dividend the synthetic market applies (dates are New York session dates). */
export interface SimCorporateAction {
  /** Stable UUID-shaped id. */
  readonly id: string;
  readonly kind: 'split' | 'dividend';
  readonly symbol: string;
  readonly declarationDate: string;
  readonly exDate: string;
  readonly recordDate: string;
  readonly payableDate: string;
  /** Split: new shares per old share (2 = 2-for-1); 1 for a dividend. */
  readonly ratio: number;
  /** Dividend: cash per share; 0 for a split. */
  readonly cash: number;
  /** The raw close of the session before the ex-date (the dividend adjustment's base). */
  readonly previousClose: number;
}

/** One print: made by the synthetic market, or injected through the control API (the server streams it, the exchange matches on it). */
export interface SimPrint {
  readonly symbol: string;
  readonly price: number;
  readonly size: number;
  readonly ts: number;
  /** The trade id, one per print, the same on the stream and REST: ts x 1000 for the market's own, + n for injected ones. */
  readonly id: number;
  /** Reported after later prints (out of sequence): it changes bars already closed, not the last price. */
  readonly late?: boolean;
  /** Alpaca's `u`: canceled (busted) or incorrect (replaced by a correction), or the correction itself. */
  readonly update?: 'canceled' | 'incorrect' | 'corrected';
}

/** A print canceled or corrected after the fact (Alpaca's cancel/error `x` and correction `c` messages). */
export interface SimTradeFix {
  readonly kind: 'cancel' | 'correct';
  /** The print as it was before the fix. */
  readonly original: SimPrint;
  /** The correction (a new print at the original's time), for `correct`. */
  readonly corrected?: SimPrint;
  /** When the fix was reported. */
  readonly ts: number;
}

export interface SimSymbolInfo {
  readonly symbol: string;
  readonly name: string;
  readonly exchange: 'NASDAQ' | 'NYSE' | 'ARCA';
  readonly fractionable: boolean;
}

/**
 * The synthetic market: deterministic per (seed, symbol, time), so years of history need no storage
 * and two markets with the same seed serve identical bars.
 */
export interface SyntheticMarket {
  readonly calendar: MarketCalendar;
  readonly symbols: readonly SimSymbolInfo[];
  /** Daily bars of the sessions dated within [startDate, endDate]; adjusted as of endDate when asked. */
  dailyBars(
    symbol: string,
    startDate: string,
    endDate: string,
    adjustment?: SimAdjustment,
  ): SimBar[];
  /** The 1-minute bars of one session (390 on a full day). */
  minuteBars(symbol: string, date: string): SimBar[];
  /** Bars of any timeframe whose start is in [tsStart, tsEnd) and which are complete at tsNow; adjusted as of tsNow when asked. */
  bars(
    symbol: string,
    timeframe: SimTimeframe,
    tsStart: number,
    tsEnd: number,
    tsNow: number,
    adjustment?: SimAdjustment,
  ): SimBar[];
  /** The splits and dividends of a symbol whose ex-date is within [startDate, endDate], by ex-date. */
  corporateActions(symbol: string, startDate: string, endDate: string): SimCorporateAction[];
  /** Synthetic prints in (tsFrom, tsTo], in time order, of the given symbols or every listed one (empty outside regular hours). */
  printsBetween(tsFrom: number, tsTo: number, symbols?: readonly string[]): SimPrint[];
  /** The last synthetic price at or before ts (the previous close outside hours). */
  priceAt(symbol: string, ts: number): number;
  /** The last synthetic print at or before ts (the previous session's closing print outside hours). */
  lastPrintAt(symbol: string, ts: number): SimPrint;
}

export type SimOrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'trailing_stop';
export type SimTif = 'day' | 'gtc' | 'opg' | 'cls' | 'ioc' | 'fok';
export type SimOrderClass = '' | 'simple' | 'bracket' | 'oco' | 'oto';
export type SimPositionIntent = 'buy_to_open' | 'buy_to_close' | 'sell_to_open' | 'sell_to_close';

/** An order request as parsed from the wire (numbers already parsed, validated by the exchange). */
export interface SimOrderRequest {
  readonly symbol: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly time_in_force: SimTif;
  readonly qty?: number;
  readonly notional?: number;
  readonly limit_price?: number;
  readonly stop_price?: number;
  readonly trail_price?: number;
  readonly trail_percent?: number;
  readonly extended_hours?: boolean;
  readonly client_order_id?: string;
  readonly order_class?: SimOrderClass;
  readonly take_profit?: { readonly limit_price: number };
  readonly stop_loss?: { readonly stop_price: number; readonly limit_price?: number };
  readonly position_intent?: SimPositionIntent;
}

/** The exchange's order record, numbers as numbers; the server serialises it to Alpaca's JSON. */
export interface SimOrder {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly asset_id: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly time_in_force: SimTif;
  readonly order_class: SimOrderClass;
  readonly status: SimOrderStatus;
  readonly qty: number | null;
  readonly notional: number | null;
  readonly filled_qty: number;
  readonly filled_avg_price: number | null;
  readonly limit_price: number | null;
  readonly stop_price: number | null;
  readonly trail_price: number | null;
  readonly trail_percent: number | null;
  readonly hwm: number | null;
  readonly extended_hours: boolean;
  /** As sent, or what the order does to the position at submission (buy_to_open, sell_to_close, ...). */
  readonly position_intent: SimPositionIntent;
  /** When the exchange ends the order if it is still open: the session close (DAY), 20:00 ET (extended hours), ~90 days (GTC). */
  readonly expires_at: number;
  readonly created_at: number;
  readonly updated_at: number;
  readonly submitted_at: number;
  readonly filled_at: number | null;
  readonly expired_at: number | null;
  readonly canceled_at: number | null;
  readonly failed_at: number | null;
  readonly replaced_at: number | null;
  readonly replaced_by: string | null;
  readonly replaces: string | null;
  /** Legs of an advanced order (bracket: TP + SL; oco: SL; oto: the one leg). */
  readonly legs: readonly SimOrder[];
  /** Id of the parent for a leg, else null. */
  readonly parent_id: string | null;
}

export type SimTradeEvent =
  | 'pending_new'
  | 'new'
  | 'partial_fill'
  | 'fill'
  | 'canceled'
  | 'expired'
  | 'replaced'
  | 'rejected'
  | 'pending_cancel'
  | 'order_cancel_rejected'
  | 'order_replace_rejected';

export interface SimTradeUpdate {
  readonly event: SimTradeEvent;
  readonly ts: number;
  /** Snapshot of the order after the event. */
  readonly order: SimOrder;
  readonly price?: number;
  readonly qty?: number;
  readonly position_qty?: number;
  readonly execution_id?: string;
}

export interface SimQuote {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly bid_size: number;
  readonly ask_size: number;
  readonly ts: number;
}

export interface SimSessionEvent {
  readonly kind: 'open' | 'close';
  readonly session: Session;
  readonly ts: number;
}

/** A business rejection, mapped by the server to `{code, message}` with the HTTP status. */
export class SimRejection extends Error {
  override readonly name = 'SimRejection';
  constructor(
    readonly status: 400 | 403 | 404 | 422 | 429 | 500,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ExchangeOptions {
  readonly market: SyntheticMarket;
  readonly cash: number;
  readonly startTs: number;
  readonly seed: number;
  /** Quoted spread around the last trade, in basis points. */
  readonly spreadBps: number;
  /** Probability that an eligible execution is a random-size partial (Alpaca paper: 0.1). */
  readonly partialFillRate: number;
}

/** The matching engine and account. Time moves only through `advanceTo`. */
export interface Exchange {
  now(): number;
  /** Moves time to ts: synthetic prints (unless quiet), matching, open/close, day-order expiry, last_equity roll. */
  advanceTo(ts: number, options?: { readonly quiet?: boolean }): void;
  /**
   * Prints one trade now: moves the NBBO, matches resting orders, notifies print listeners. With `ts` in the past
   * it is a late (out-of-sequence) report: listed and streamed, but it moves neither the NBBO nor any order.
   */
  printTrade(
    symbol: string,
    price: number,
    size: number,
    options?: { readonly ts?: number },
  ): SimPrint;
  /** Cancels (busts) a print by its trade id; fills made on it stand, as at Alpaca. */
  cancelTrade(symbol: string, id: number): SimTradeFix;
  /** Corrects a print's price and size: the original becomes `incorrect`, a `corrected` print takes its place. */
  correctTrade(symbol: string, id: number, price: number, size: number): SimTradeFix;
  onTradeFix(listener: (fix: SimTradeFix) => void): () => void;
  /** The last print of a symbol at or before ts (late reports aside): what the last trade was then. */
  lastTradeAt(symbol: string, ts: number): SimPrint;
  /** Every print of a symbol in (tsFrom, tsTo]: the market's own and the injected ones, by time then id. */
  tradesBetween(symbol: string, tsFrom: number, tsTo: number): SimPrint[];
  /** The NBBO each of those prints set (late reports set none), with the print's time and id. */
  quotesBetween(
    symbol: string,
    tsFrom: number,
    tsTo: number,
  ): Array<SimQuote & { readonly id: number }>;
  quote(symbol: string): SimQuote;
  lastTrade(symbol: string): SimPrint;

  submitOrder(request: SimOrderRequest): SimOrder;
  replaceOrder(
    id: string,
    patch: {
      qty?: number;
      limit_price?: number;
      stop_price?: number;
      trail?: number;
      time_in_force?: SimTif;
      client_order_id?: string;
    },
  ): SimOrder;
  cancelOrder(id: string): void;
  cancelAllOrders(): Array<{ id: string; status: number; order: SimOrder }>;
  getOrder(id: string): SimOrder | undefined;
  getOrderByClientId(clientOrderId: string): SimOrder | undefined;
  /** All orders, newest first; the server applies the query filters. */
  allOrders(): SimOrder[];

  positions(): SimPosition[];
  position(symbol: string): SimPosition | undefined;
  closePosition(symbol: string, options?: { qty?: number; percentage?: number }): SimOrder;
  closeAllPositions(cancelOrders: boolean): Array<{
    symbol: string;
    status: number;
    order?: SimOrder;
    error?: { code: number; message: string };
  }>;
  account(): SimAccount;
  /** Fills, dividends paid and splits applied, oldest first. */
  activities(): readonly SimActivity[];
  configuration(): SimAccountConfig;
  /** Applies a partial configuration; 422 for a value the simulator does not model (margin, shorting, options). */
  configure(patch: Partial<SimAccountConfig>): SimAccountConfig;

  onTradeUpdate(listener: (update: SimTradeUpdate) => void): () => void;
  onPrint(listener: (print: SimPrint) => void): () => void;
  onQuote(listener: (quote: SimQuote) => void): () => void;
  /** The regular session opening and closing, as the clock passes them. */
  onSession(listener: (event: SimSessionEvent) => void): () => void;

  /** Fault injection at the engine: the next `count` submissions are rejected with this status/message. */
  injectRejections(count: number, status: 403 | 422 | 429 | 500, message: string): void;
  /** The next submitted order fills in `parts` executions. */
  injectPartialFills(parts: number): void;
}
