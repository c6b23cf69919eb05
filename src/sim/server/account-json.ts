/** @module SimAccount and SimPosition to Alpaca's wire JSON (ALPACA.md §6.2, §6.3); deprecated PDT fields omitted. */
import type { SimAccount, SimPosition } from '../account-contracts.ts';
import { toDecimal } from './decimal.ts';
import { rfc3339 } from './new-york-time.ts';

/** The position as Alpaca sends it; `exchange` comes from the asset list. */
export function positionJson(p: SimPosition, exchange: string): Record<string, unknown> {
  return {
    asset_id: p.asset_id,
    symbol: p.symbol,
    exchange,
    asset_class: 'us_equity',
    asset_marginable: true,
    qty: toDecimal(p.qty),
    qty_available: toDecimal(p.qty_available),
    side: p.qty < 0 ? 'short' : 'long',
    avg_entry_price: toDecimal(p.avg_entry_price),
    cost_basis: toDecimal(p.cost_basis),
    market_value: toDecimal(p.market_value),
    current_price: toDecimal(p.current_price),
    lastday_price: toDecimal(p.lastday_price),
    change_today: toDecimal(p.change_today),
    unrealized_pl: toDecimal(p.unrealized_pl),
    unrealized_plpc: toDecimal(p.unrealized_plpc),
    unrealized_intraday_pl: toDecimal(p.unrealized_intraday_pl),
    unrealized_intraday_plpc: toDecimal(p.unrealized_intraday_plpc),
  };
}

/**
 * The account as Alpaca sends it; margin fields follow a cash-style account (multiplier 1). `balanceAsOf` is the
 * New York date of the last close the balances were settled at. The deprecated day-trading fields are sent with
 * the values a cash account has (Alpaca still lists them in its spec).
 */
export function accountJson(
  a: SimAccount,
  positions: readonly SimPosition[],
  createdAt: number,
  balanceAsOf: string,
): Record<string, unknown> {
  const short = positions.reduce((sum, p) => (p.qty < 0 ? sum + p.market_value : sum), 0);
  const bp = toDecimal(a.buying_power);
  return {
    id: a.id,
    account_number: a.account_number,
    status: 'ACTIVE',
    crypto_status: 'INACTIVE',
    currency: 'USD',
    cash: toDecimal(a.cash),
    equity: toDecimal(a.equity),
    last_equity: toDecimal(a.last_equity),
    portfolio_value: toDecimal(a.equity),
    long_market_value: toDecimal(a.long_market_value),
    short_market_value: toDecimal(short),
    buying_power: bp,
    regt_buying_power: bp,
    non_marginable_buying_power: bp,
    options_buying_power: bp,
    initial_margin: '0',
    maintenance_margin: '0',
    last_maintenance_margin: '0',
    sma: '0',
    multiplier: '1',
    trading_blocked: false,
    transfers_blocked: false,
    account_blocked: false,
    trade_suspended_by_user: a.trade_suspended_by_user,
    shorting_enabled: false,
    options_approved_level: 0,
    options_trading_level: 0,
    accrued_fees: '0',
    pending_transfer_in: '0',
    pending_transfer_out: '0',
    pending_reg_taf_fees: '0',
    intraday_adjustments: '0',
    balance_asof: balanceAsOf,
    daytrade_count: 0,
    pattern_day_trader: false,
    daytrading_buying_power: '0',
    created_at: rfc3339(createdAt),
  };
}
