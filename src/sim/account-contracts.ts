/**
 * @module The account side of the simulator's contracts: positions, the account, its configuration and its activity,
 * as the exchange reports them (numbers as numbers; the server writes Alpaca's JSON).
 */
import type { SimOrderStatus, SimSide } from './order-words.ts';

export interface SimPosition {
  readonly symbol: string;
  readonly asset_id: string;
  readonly qty: number;
  readonly qty_available: number;
  readonly avg_entry_price: number;
  readonly current_price: number;
  readonly lastday_price: number;
  readonly market_value: number;
  readonly cost_basis: number;
  readonly unrealized_pl: number;
  readonly unrealized_plpc: number;
  readonly unrealized_intraday_pl: number;
  readonly unrealized_intraday_plpc: number;
  readonly change_today: number;
}

export interface SimAccount {
  readonly id: string;
  readonly account_number: string;
  readonly cash: number;
  readonly equity: number;
  readonly last_equity: number;
  readonly long_market_value: number;
  readonly buying_power: number;
  /** Fills' realized P/L since the start, for reports and property tests. */
  readonly realized_pl: number;
  /** The account configuration's `suspend_trade`: new orders are refused while it is on. */
  readonly trade_suspended_by_user: boolean;
}

/** Alpaca's account configuration (`/v2/account/configurations`); see account-config.ts for what the simulator honours. */
export interface SimAccountConfig {
  readonly dtbp_check: 'both' | 'entry' | 'exit';
  readonly trade_confirm_email: 'all' | 'none';
  readonly suspend_trade: boolean;
  readonly no_shorting: boolean;
  readonly fractional_trading: boolean;
  readonly max_margin_multiplier: string;
  readonly max_options_trading_level: 0 | 1 | 2 | 3;
  readonly pdt_check: 'both' | 'entry' | 'exit';
  readonly ptp_no_exception_entry: boolean;
  readonly disable_overnight_trading: boolean;
}

/** One entry of the account's activity (Alpaca's FILL, DIV and SPLIT activities), in the order it happened. */
export type SimActivity =
  | {
      readonly kind: 'fill';
      readonly id: string;
      readonly ts: number;
      readonly orderId: string;
      readonly symbol: string;
      readonly side: SimSide;
      readonly price: number;
      readonly qty: number;
      readonly cumQty: number;
      readonly leavesQty: number;
      readonly orderStatus: SimOrderStatus;
      readonly type: 'fill' | 'partial_fill';
    }
  | {
      readonly kind: 'dividend';
      readonly id: string;
      readonly ts: number;
      readonly date: string;
      readonly symbol: string;
      readonly qty: number;
      readonly perShare: number;
      readonly netAmount: number;
    }
  | {
      readonly kind: 'split';
      readonly id: string;
      readonly ts: number;
      readonly date: string;
      readonly symbol: string;
      readonly qty: number;
      readonly ratio: number;
    };
