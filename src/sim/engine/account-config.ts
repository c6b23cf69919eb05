/**
 * @module The account configuration. Honoured: `suspend_trade` (new orders refused) and `fractional_trading` (off:
 * fractional and notional orders refused). Fixed by what the simulator models: a cash account that never shorts or
 * trades options, so `no_shorting` stays true, `max_margin_multiplier` "1" and `max_options_trading_level` 0; a
 * PATCH asking otherwise is refused. Kept as sent, with no effect here or (since 2026) at Alpaca: `dtbp_check`,
 * `pdt_check`; and the preferences with nothing to act on in a simulator: `trade_confirm_email`,
 * `ptp_no_exception_entry`, `disable_overnight_trading`.
 */
import type { SimAccountConfig } from '../account-contracts.ts';
import { forbidden, unprocessable } from './rejections.ts';

export const DEFAULT_ACCOUNT_CONFIG: SimAccountConfig = Object.freeze({
  dtbp_check: 'entry',
  trade_confirm_email: 'all',
  suspend_trade: false,
  no_shorting: true,
  fractional_trading: true,
  max_margin_multiplier: '1',
  max_options_trading_level: 0,
  pdt_check: 'entry',
  ptp_no_exception_entry: false,
  disable_overnight_trading: false,
});

export function applyConfig(
  current: SimAccountConfig,
  patch: Partial<SimAccountConfig>,
): SimAccountConfig {
  if (patch.no_shorting === false)
    throw unprocessable('short selling is not modelled by the simulator: no_shorting stays true');
  if (patch.max_margin_multiplier !== undefined && patch.max_margin_multiplier !== '1') {
    throw unprocessable(
      'margin is not modelled by the simulator (a cash account): max_margin_multiplier stays "1"',
    );
  }
  if (patch.max_options_trading_level !== undefined && patch.max_options_trading_level !== 0) {
    throw unprocessable(
      'options are not modelled by the simulator: max_options_trading_level stays 0',
    );
  }
  return Object.freeze({ ...current, ...patch });
}

/** Checks at submission: a suspended account places nothing; fractional trading off refuses fractions and notionals. */
export function checkConfigAllows(config: SimAccountConfig, fractional: boolean): void {
  if (config.suspend_trade) throw forbidden('trading is suspended on this account (suspend_trade)');
  if (fractional && !config.fractional_trading)
    throw forbidden('fractional trading is not enabled for this account');
}
