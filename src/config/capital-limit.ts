/**
 * @module The most capital the system may use: TRADING_CAPITAL (.env) overrides `capital.total_capital`; neither
 * set means the whole account. One rule for `trade`'s sizing, the intraday entries' and the dashboard's heat.
 */
import type { Config } from './schema.ts';

export const capitalLimit = (
  config: Config,
  tradingCapital: number | undefined,
): number | undefined => tradingCapital ?? config.capital.total_capital ?? undefined;
