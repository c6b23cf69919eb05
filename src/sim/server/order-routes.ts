/** @module Trading REST: orders (POST, list, one, by client order id, PATCH replace, DELETE one and all). */
import type { SimOrder } from '../contracts.ts';
import { readBoolean } from './decimal.ts';
import { invalid, notFound } from './http-error.ts';
import { listOrders } from './list-orders.ts';
import { orderJson } from './order-json.ts';
import { parseOrderRequest, parseReplaceRequest } from './parse-order-request.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function orderById(deps: TradingDeps, raw: string): SimOrder {
  const id = decodeURIComponent(raw);
  if (!UUID.test(id)) throw invalid('order_id is missing');
  const order = deps.exchange.getOrder(id.toLowerCase()) ?? deps.exchange.getOrder(id);
  if (!order) throw notFound('order not found');
  return order;
}

function collection(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  const { exchange } = deps;
  switch (req.method) {
    case 'POST': {
      const order = exchange.submitOrder(parseOrderRequest(req.json()));
      return ok(orderJson(order, true));
    }
    case 'GET':
      return ok(listOrders(exchange.allOrders(), req.query));
    case 'DELETE':
      return {
        status: 207,
        body: exchange
          .cancelAllOrders()
          .map((r) => ({ id: r.id, status: r.status, body: orderJson(r.order, false) })),
      };
    default:
      return undefined;
  }
}

function single(req: RestRequest, deps: TradingDeps, rawId: string): RestResult | undefined {
  const { exchange } = deps;
  switch (req.method) {
    case 'GET':
      return ok(
        orderJson(orderById(deps, rawId), readBoolean(req.query.get('nested'), 'nested') === true),
      );
    case 'PATCH': {
      const old = orderById(deps, rawId);
      return ok(orderJson(exchange.replaceOrder(old.id, parseReplaceRequest(req.json())), true));
    }
    case 'DELETE':
      exchange.cancelOrder(orderById(deps, rawId).id);
      return { status: 204 };
    default:
      return undefined;
  }
}

/** Handles the path if it belongs to this group, else undefined. The colon route is matched first, literally. */
export function orderRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (
    req.path === '/v2/orders:by_client_order_id' ||
    req.path === '/v2/orders%3Aby_client_order_id'
  ) {
    if (req.method !== 'GET') return undefined;
    const clientOrderId = req.query.get('client_order_id');
    if (!clientOrderId) throw invalid('client_order_id is missing');
    const order = deps.exchange.getOrderByClientId(clientOrderId);
    if (!order) throw notFound('order not found');
    return ok(orderJson(order, readBoolean(req.query.get('nested'), 'nested') === true));
  }
  if (req.path === '/v2/orders' || req.path === '/v2/orders/') return collection(req, deps);
  if (req.path.startsWith('/v2/orders/')) {
    const rawId = req.path.slice('/v2/orders/'.length);
    if (rawId.includes('/')) return undefined;
    return single(req, deps, rawId);
  }
  return undefined;
}
