/** @module Broker snapshots of the account, positions, clock, calendar and assets. */
import type { Price, Qty } from './money.ts';

export interface AccountReport {
  readonly kind: 'AccountReport';
  readonly id: string;
  readonly status: string;
  readonly cash: number;
  readonly equity: number;
  readonly lastEquity: number;
  readonly buyingPower: number;
  readonly longMarketValue: number;
  readonly tradingBlocked: boolean;
}

export interface PositionReport {
  readonly kind: 'PositionReport';
  readonly symbol: string;
  readonly qty: Qty;
  readonly qtyAvailable: Qty;
  readonly avgEntryPrice: Price;
  readonly currentPrice: Price;
  readonly marketValue: number;
  readonly costBasis: number;
  readonly unrealizedPl: number;
  readonly unrealizedPlpc: number;
  readonly lastdayPrice: Price;
}

export interface ClockReport {
  readonly kind: 'ClockReport';
  readonly tsNow: number;
  readonly isOpen: boolean;
  readonly tsNextOpen: number;
  readonly tsNextClose: number;
}

/** One trading session: date in New York, open/close as epoch ms. */
export interface CalendarDay {
  readonly date: string;
  readonly tsOpen: number;
  readonly tsClose: number;
}

export interface AssetReport {
  readonly kind: 'AssetReport';
  readonly symbol: string;
  readonly name: string;
  readonly tradable: boolean;
  readonly fractionable: boolean;
  readonly status: string;
}

/** One OHLCV bar; `ts` is the bar start (epoch ms). */
export interface Bar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface LatestPrice {
  readonly symbol: string;
  readonly ask: Price | null;
  readonly bid: Price | null;
  readonly last: Price | null;
  readonly ts: number;
}
