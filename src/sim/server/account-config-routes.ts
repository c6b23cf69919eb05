/** @module `GET/PATCH /v2/account/configurations`: reads and changes the account configuration (see engine/account-config.ts). */
import type { SimAccountConfig } from '../account-contracts.ts';
import { invalid } from './http-error.ts';
import { asObject } from './parse-order-request.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

type Check = (value: unknown) => boolean;
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const isBoolean: Check = (v) => typeof v === 'boolean';

/** What each key accepts on the wire; the engine then refuses values it does not model. */
const KEYS: Readonly<Record<keyof SimAccountConfig, Check>> = {
  dtbp_check: oneOf('both', 'entry', 'exit'),
  trade_confirm_email: oneOf('all', 'none'),
  suspend_trade: isBoolean,
  no_shorting: isBoolean,
  fractional_trading: isBoolean,
  max_margin_multiplier: oneOf('1', '2', '4'),
  max_options_trading_level: oneOf(0, 1, 2, 3),
  pdt_check: oneOf('both', 'entry', 'exit'),
  ptp_no_exception_entry: isBoolean,
  disable_overnight_trading: isBoolean,
};

const isKey = (key: string): key is keyof SimAccountConfig => Object.hasOwn(KEYS, key);

function parsePatch(raw: unknown): Partial<SimAccountConfig> {
  const body = asObject(raw);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isKey(key)) throw invalid(`unknown configuration: ${key}`);
    if (!KEYS[key](value)) throw invalid(`invalid ${key}: ${JSON.stringify(value)}`);
    patch[key] = value;
  }
  return patch;
}

export function accountConfigRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.path !== '/v2/account/configurations') return undefined;
  if (req.method === 'GET') return ok(deps.exchange.configuration());
  if (req.method === 'PATCH') return ok(deps.exchange.configure(parsePatch(req.json())));
  return undefined;
}
