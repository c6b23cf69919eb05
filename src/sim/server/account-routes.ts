/** @module Trading REST: account, clock (v2), calendar (v2) and assets. */
import { accountJson } from './account-json.ts';
import { invalid, notFound } from './http-error.ts';
import { calendarDayJson, clockJson } from './market-json.ts';
import { addDays, nyDate, readDateParam } from './new-york-time.ts';
import {
  lastCloseDate,
  ok,
  type RestRequest,
  type RestResult,
  type TradingDeps,
} from './rest-types.ts';

function calendar(req: RestRequest, deps: TradingDeps): RestResult {
  const cal = deps.market.calendar;
  const rawStart = req.query.get('start');
  const rawEnd = req.query.get('end');
  const start = readDateParam(rawStart);
  const end = readDateParam(rawEnd);
  if ((rawStart && !start) || (rawEnd && !end))
    throw invalid('invalid start or end: expected YYYY-MM-DD or an RFC-3339 time');
  const from = start ?? nyDate(deps.exchange.now());
  const to = end ?? addDays(from, 365);
  if (to < from) return ok([]);
  return ok(cal.sessionsBetween(from, to).map((s) => calendarDayJson(cal, s)));
}

function assets(req: RestRequest, deps: TradingDeps): RestResult {
  const status = req.query.get('status');
  const assetClass = req.query.get('asset_class');
  const exchange = req.query.get('exchange');
  const attributes = (req.query.get('attributes') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return ok(
    deps.assets.all.filter(
      (a) =>
        (!status || a.status === status) &&
        (!assetClass || a.class === assetClass) &&
        (!exchange || a.exchange === exchange) &&
        (attributes.length === 0 || attributes.some((x) => (a.attributes as string[]).includes(x))),
    ),
  );
}

/** Handles the path if it belongs to this group, else undefined. */
export function accountRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.method !== 'GET') return undefined;
  const { exchange } = deps;
  switch (req.path) {
    case '/v2/account':
      return ok(
        accountJson(exchange.account(), exchange.positions(), deps.createdAt, lastCloseDate(deps)),
      );
    case '/v2/clock':
      return ok(clockJson(deps.market.calendar, exchange.now()));
    case '/v2/calendar':
      return calendar(req, deps);
    case '/v2/assets':
      return assets(req, deps);
    default:
      break;
  }
  if (req.path.startsWith('/v2/assets/')) {
    const raw = req.path.slice('/v2/assets/'.length);
    // `/v2/assets/fixed_income/...` are other endpoints (not served), not a symbol with a slash.
    if (raw.includes('/')) return undefined;
    const key = decodeURIComponent(raw);
    const asset = deps.assets.find(key);
    if (!asset) throw notFound('asset not found');
    return ok(asset);
  }
  return undefined;
}
