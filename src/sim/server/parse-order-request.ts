/** @module Reads `POST /v2/orders` and `PATCH /v2/orders/{id}` bodies: shapes and numbers only; order rules live in the exchange. */
import type {
  Exchange,
  SimOrderClass,
  SimOrderRequest,
  SimOrderType,
  SimPositionIntent,
  SimSide,
  SimTif,
} from '../contracts.ts';
import { readBoolean, readNumber } from './decimal.ts';
import { invalid } from './http-error.ts';

const SIDES: readonly SimSide[] = ['buy', 'sell'];
const TYPES: readonly SimOrderType[] = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'];
const TIFS: readonly SimTif[] = ['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'];
const CLASSES: readonly SimOrderClass[] = ['', 'simple', 'bracket', 'oco', 'oto'];
const INTENTS: readonly SimPositionIntent[] = [
  'buy_to_open',
  'buy_to_close',
  'sell_to_open',
  'sell_to_close',
];

type Body = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function asObject(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('request body must be a JSON object');
  return body as Body;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  required: boolean,
): T | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw invalid(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || !allowed.includes(value.toLowerCase() as T)) {
    throw invalid(
      `invalid ${field}: ${JSON.stringify(value)} (expected one of ${allowed.filter(Boolean).join(', ')})`,
    );
  }
  return value.toLowerCase() as T;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`invalid ${field}: expected a string`);
  return value;
}

function nested(value: unknown, field: string): Body | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(`invalid ${field}: expected an object`);
  return value as Body;
}

/** Copies the defined entries only (exactOptionalPropertyTypes: absent, never `undefined`). */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

export function parseOrderRequest(raw: unknown): SimOrderRequest {
  const b = asObject(raw);
  const symbol = optionalString(b.symbol, 'symbol');
  if (!symbol) throw invalid('symbol is required');
  const tp = nested(b.take_profit, 'take_profit');
  const sl = nested(b.stop_loss, 'stop_loss');
  const takeProfitPrice = tp && readNumber(tp.limit_price, 'take_profit.limit_price');
  const stopLossPrice = sl && readNumber(sl.stop_price, 'stop_loss.stop_price');
  if (tp && takeProfitPrice === undefined) throw invalid('take_profit.limit_price is required');
  if (sl && stopLossPrice === undefined) throw invalid('stop_loss.stop_price is required');
  const request = defined({
    symbol: symbol.toUpperCase(),
    side: oneOf(b.side, SIDES, 'side', true),
    type: oneOf(b.type ?? b.order_type, TYPES, 'type', true),
    time_in_force: oneOf(b.time_in_force, TIFS, 'time_in_force', true),
    qty: readNumber(b.qty, 'qty'),
    notional: readNumber(b.notional, 'notional'),
    limit_price: readNumber(b.limit_price, 'limit_price'),
    stop_price: readNumber(b.stop_price, 'stop_price'),
    trail_price: readNumber(b.trail_price, 'trail_price'),
    trail_percent: readNumber(b.trail_percent, 'trail_percent'),
    extended_hours: readBoolean(b.extended_hours, 'extended_hours'),
    client_order_id: optionalString(b.client_order_id, 'client_order_id'),
    order_class: oneOf(b.order_class, CLASSES, 'order_class', false),
    position_intent: oneOf(b.position_intent, INTENTS, 'position_intent', false),
  }) as Mutable<SimOrderRequest>;
  if (takeProfitPrice !== undefined) request.take_profit = { limit_price: takeProfitPrice };
  if (stopLossPrice !== undefined) {
    const limit = readNumber(sl?.limit_price, 'stop_loss.limit_price');
    request.stop_loss =
      limit === undefined
        ? { stop_price: stopLossPrice }
        : { stop_price: stopLossPrice, limit_price: limit };
  }
  return request;
}

export type ReplacePatch = Parameters<Exchange['replaceOrder']>[1];

export function parseReplaceRequest(raw: unknown): ReplacePatch {
  const b = asObject(raw);
  return defined({
    qty: readNumber(b.qty, 'qty'),
    limit_price: readNumber(b.limit_price, 'limit_price'),
    stop_price: readNumber(b.stop_price, 'stop_price'),
    trail: readNumber(b.trail, 'trail'),
    time_in_force: oneOf(b.time_in_force, TIFS, 'time_in_force', false),
    client_order_id: optionalString(b.client_order_id, 'client_order_id'),
  });
}
