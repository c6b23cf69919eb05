/** @module SimOrder and SimTradeUpdate to Alpaca's wire JSON (ALPACA.md §6.1, §11.3): snake_case, decimal strings, RFC-3339. */
import type { SimOrder, SimTradeUpdate } from '../contracts.ts';
import { toDecimal, toDecimalOrNull } from './decimal.ts';
import { rfc3339, rfc3339OrNull } from './new-york-time.ts';

export type OrderJson = Record<string, unknown>;

/**
 * One order as Alpaca sends it. `withLegs` puts the legs inside (nested listings, POST responses of
 * advanced orders, trade updates); otherwise `legs` is null.
 */
export function orderJson(order: SimOrder, withLegs: boolean): OrderJson {
  return {
    id: order.id,
    client_order_id: order.client_order_id,
    created_at: rfc3339(order.created_at),
    updated_at: rfc3339(order.updated_at),
    submitted_at: rfc3339(order.submitted_at),
    filled_at: rfc3339OrNull(order.filled_at),
    expired_at: rfc3339OrNull(order.expired_at),
    canceled_at: rfc3339OrNull(order.canceled_at),
    failed_at: rfc3339OrNull(order.failed_at),
    replaced_at: rfc3339OrNull(order.replaced_at),
    replaced_by: order.replaced_by,
    replaces: order.replaces,
    asset_id: order.asset_id,
    symbol: order.symbol,
    asset_class: 'us_equity',
    notional: toDecimalOrNull(order.notional),
    qty: toDecimalOrNull(order.qty),
    filled_qty: toDecimal(order.filled_qty),
    filled_avg_price: toDecimalOrNull(order.filled_avg_price),
    order_class: order.order_class === 'simple' ? '' : order.order_class,
    order_type: order.type,
    type: order.type,
    side: order.side,
    time_in_force: order.time_in_force,
    limit_price: toDecimalOrNull(order.limit_price),
    stop_price: toDecimalOrNull(order.stop_price),
    status: order.status,
    extended_hours: order.extended_hours,
    legs: withLegs && order.legs.length > 0 ? order.legs.map((leg) => orderJson(leg, false)) : null,
    trail_percent: toDecimalOrNull(order.trail_percent),
    trail_price: toDecimalOrNull(order.trail_price),
    hwm: toDecimalOrNull(order.hwm),
    subtag: null,
    source: null,
    expires_at: rfc3339(order.expires_at),
    position_intent: order.position_intent,
  };
}

/** The `data` of a `trade_updates` frame: event, timestamp, the order after the event, and execution fields as strings. */
export function tradeUpdateJson(update: SimTradeUpdate): Record<string, unknown> {
  const data: Record<string, unknown> = {
    event: update.event,
    timestamp: rfc3339(update.ts),
    order: orderJson(update.order, true),
  };
  if (update.price !== undefined) data.price = toDecimal(update.price);
  if (update.qty !== undefined) data.qty = toDecimal(update.qty);
  if (update.position_qty !== undefined) data.position_qty = toDecimal(update.position_qty);
  if (update.execution_id !== undefined) data.execution_id = update.execution_id;
  return data;
}
