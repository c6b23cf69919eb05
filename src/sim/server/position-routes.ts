/** @module Trading REST: positions (list, one, close one with qty/percentage, close all with cancel_orders). */
import type { SimPosition } from '../account-contracts.ts';
import { positionJson } from './account-json.ts';
import { readBoolean, readNumber } from './decimal.ts';
import { invalid, notFound } from './http-error.ts';
import { orderJson } from './order-json.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

function positionFor(deps: TradingDeps, key: string): SimPosition {
  const asset = deps.assets.find(key);
  const symbol = asset ? String(asset.symbol) : key.toUpperCase();
  const position = deps.exchange.position(symbol);
  if (!position) throw notFound('position does not exist');
  return position;
}

function closeOne(req: RestRequest, deps: TradingDeps, key: string): RestResult {
  const position = positionFor(deps, key);
  const qty = readNumber(req.query.get('qty'), 'qty');
  const percentage = readNumber(req.query.get('percentage'), 'percentage');
  if (qty !== undefined && percentage !== undefined)
    throw invalid('only one of qty or percentage may be specified');
  if (qty !== undefined && !(qty > 0)) throw invalid('qty must be > 0');
  if (percentage !== undefined && !(percentage > 0 && percentage <= 100))
    throw invalid('percentage must be in (0, 100]');
  const options =
    qty !== undefined ? { qty } : percentage !== undefined ? { percentage } : undefined;
  return ok(orderJson(deps.exchange.closePosition(position.symbol, options), true));
}

function closeAll(req: RestRequest, deps: TradingDeps): RestResult {
  const cancelOrders = readBoolean(req.query.get('cancel_orders'), 'cancel_orders') ?? false;
  const results = deps.exchange.closeAllPositions(cancelOrders).map((r) => ({
    symbol: r.symbol,
    status: r.status,
    body: r.order ? orderJson(r.order, true) : (r.error ?? null),
  }));
  return { status: 207, body: results };
}

/** Handles the path if it belongs to this group, else undefined. */
export function positionRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  const { exchange } = deps;
  if (req.path === '/v2/positions') {
    if (req.method === 'GET')
      return ok(exchange.positions().map((p) => positionJson(p, deps.assets.exchangeOf(p.symbol))));
    if (req.method === 'DELETE') return closeAll(req, deps);
    return undefined;
  }
  if (!req.path.startsWith('/v2/positions/')) return undefined;
  const key = decodeURIComponent(req.path.slice('/v2/positions/'.length));
  if (key.includes('/')) return undefined;
  if (req.method === 'GET') {
    const p = positionFor(deps, key);
    return ok(positionJson(p, deps.assets.exchangeOf(p.symbol)));
  }
  if (req.method === 'DELETE') return closeOne(req, deps, key);
  return undefined;
}
