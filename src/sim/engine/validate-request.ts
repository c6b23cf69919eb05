/** @module Shape rules of an order request (ALPACA.md §7, §8.1) that need no account state; yields a normalised request. */
import type {
  SimPositionIntent,
  SimOrderClass,
  SimOrderRequest,
  SimOrderType,
  SimSide,
  SimTif,
} from '../contracts.ts';
import { roundQty, tickSize } from '../../domain/money.ts';
import { invalidRequest, unprocessable } from './rejections.ts';

export type AdvancedClass = Exclude<SimOrderClass, '' | 'simple'>;

export interface NormalizedRequest {
  readonly symbol: string;
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly tif: SimTif;
  readonly qty: number | null;
  readonly notional: number | null;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly trailPrice: number | null;
  readonly trailPercent: number | null;
  readonly extendedHours: boolean;
  readonly clientOrderId: string | undefined;
  readonly orderClass: 'simple' | AdvancedClass;
  readonly takeProfit: number | null;
  readonly stopLoss: { readonly stopPrice: number; readonly limitPrice: number | null } | null;
  /** As sent; null when the request names none. */
  readonly positionIntent: SimPositionIntent | null;
}

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

/** The intent must name the order's side (`buy_to_open` for a buy, ...). */
function intentOf(req: SimOrderRequest, side: SimSide): SimPositionIntent | null {
  if (req.position_intent === undefined) return null;
  const intent = member(req.position_intent, INTENTS, 'position_intent');
  if (!intent.startsWith(`${side}_`))
    throw invalidRequest(`position_intent ${intent} does not match side ${side}`);
  return intent;
}

function member<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (value === undefined || value === null || value === '')
    throw invalidRequest(`${field} is required`);
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw invalidRequest(`invalid ${field}: ${JSON.stringify(value)}`);
  return found;
}

/** A price: positive, finite, on the tick ($0.01 from $1, else $0.0001). */
export function checkPrice(value: number | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || value <= 0) throw invalidRequest(`${field} must be > 0`);
  const steps = value / tickSize(value);
  if (Math.abs(steps - Math.round(steps)) > 1e-6) {
    throw unprocessable(
      `invalid ${field} ${value}. sub-penny increment does not fulfill minimum pricing criteria`,
    );
  }
  return value;
}

/** A quantity: positive, finite, at most 9 decimals. */
export function checkQty(value: number, field = 'qty'): number {
  if (!Number.isFinite(value) || value <= 0) throw invalidRequest(`${field} must be > 0`);
  if (Math.abs(value * 1e9 - Math.round(value * 1e9)) > 1e-3 * Math.max(1, value)) {
    throw invalidRequest(`${field} must have at most 9 decimals`);
  }
  return roundQty(value);
}

function amounts(req: SimOrderRequest): { qty: number | null; notional: number | null } {
  if (req.qty === undefined && req.notional === undefined)
    throw invalidRequest('qty or notional is required');
  if (req.qty !== undefined && req.notional !== undefined)
    throw invalidRequest('only one of qty or notional');
  if (req.qty !== undefined) return { qty: checkQty(req.qty), notional: null };
  const notional = req.notional ?? 0;
  if (!Number.isFinite(notional) || notional <= 0) throw invalidRequest('notional must be > 0');
  return { qty: null, notional };
}

function prices(
  req: SimOrderRequest,
  type: SimOrderType,
  orderClass: NormalizedRequest['orderClass'],
) {
  const takeProfit = checkPrice(req.take_profit?.limit_price, 'take_profit.limit_price');
  let limitPrice =
    type === 'limit' || type === 'stop_limit' ? checkPrice(req.limit_price, 'limit_price') : null;
  // An oco's parent is the take profit: its limit comes from take_profit when limit_price is absent.
  if (orderClass === 'oco' && type === 'limit') limitPrice = takeProfit ?? limitPrice;
  const stopPrice =
    type === 'stop' || type === 'stop_limit' ? checkPrice(req.stop_price, 'stop_price') : null;
  if ((type === 'limit' || type === 'stop_limit') && limitPrice === null)
    throw invalidRequest('limit_price is required');
  if ((type === 'stop' || type === 'stop_limit') && stopPrice === null)
    throw invalidRequest('stop_price is required');
  let trailPrice: number | null = null;
  let trailPercent: number | null = null;
  if (type === 'trailing_stop') {
    if (req.trail_price === undefined && req.trail_percent === undefined)
      throw invalidRequest('trail_price or trail_percent is required');
    if (req.trail_price !== undefined && req.trail_percent !== undefined)
      throw invalidRequest('only one of trail_price or trail_percent');
    trailPrice = checkPrice(req.trail_price, 'trail_price');
    if (req.trail_percent !== undefined) {
      if (
        !Number.isFinite(req.trail_percent) ||
        req.trail_percent <= 0 ||
        req.trail_percent >= 100
      ) {
        throw invalidRequest('trail_percent must be > 0 and < 100');
      }
      trailPercent = req.trail_percent;
    }
  }
  const sl = req.stop_loss;
  const stopLoss = sl
    ? {
        stopPrice: checkPrice(sl.stop_price, 'stop_loss.stop_price') ?? 0,
        limitPrice: checkPrice(sl.limit_price, 'stop_loss.limit_price'),
      }
    : null;
  return { limitPrice, stopPrice, trailPrice, trailPercent, takeProfit, stopLoss };
}

function checkTifForType(type: SimOrderType, tif: SimTif): void {
  const auctionOrImmediate = tif === 'opg' || tif === 'cls' || tif === 'ioc' || tif === 'fok';
  if (auctionOrImmediate && type !== 'market' && type !== 'limit') {
    throw unprocessable(`time_in_force ${tif} is not supported for ${type} orders`);
  }
}

function checkClass(n: NormalizedRequest): void {
  if (n.orderClass === 'simple') return;
  const cls = n.orderClass;
  if (n.tif !== 'day' && n.tif !== 'gtc')
    throw unprocessable(`${cls} orders must be DAY or GTC orders`);
  if (n.extendedHours) throw unprocessable(`extended hours is not supported for ${cls} orders`);
  if (cls === 'oco') {
    if (n.type !== 'limit') throw unprocessable('oco orders must be limit orders');
    if (n.takeProfit === null || n.stopLoss === null)
      throw invalidRequest('oco orders require take_profit and stop_loss');
    return;
  }
  if (n.type === 'trailing_stop')
    throw unprocessable(`trailing_stop is not supported for ${cls} orders`);
  if (cls === 'bracket' && (n.takeProfit === null || n.stopLoss === null)) {
    throw invalidRequest('bracket orders require take_profit and stop_loss');
  }
  if (cls === 'oto' && (n.takeProfit === null) === (n.stopLoss === null)) {
    throw invalidRequest('oto orders require exactly one of take_profit or stop_loss');
  }
}

/** Validates the request's shape and returns it normalised (classes, amounts, the prices that apply to the type). */
export function validateRequest(req: SimOrderRequest): NormalizedRequest {
  if (typeof req.symbol !== 'string' || req.symbol === '')
    throw invalidRequest('symbol is required');
  const side = member(req.side, SIDES, 'side');
  const type = member(req.type, TYPES, 'order type');
  const tif = member(req.time_in_force, TIFS, 'time_in_force');
  const rawClass = CLASSES.find((c) => c === (req.order_class ?? ''));
  if (rawClass === undefined)
    throw invalidRequest(`invalid order_class: ${JSON.stringify(req.order_class)}`);
  const orderClass = rawClass === '' ? 'simple' : rawClass;
  const extendedHours = req.extended_hours === true;
  if (extendedHours && !(type === 'limit' && tif === 'day'))
    throw unprocessable('extended hours order must be DAY limit orders');
  checkTifForType(type, tif);
  const n: NormalizedRequest = {
    symbol: req.symbol,
    side,
    type,
    tif,
    ...amounts(req),
    ...prices(req, type, orderClass),
    extendedHours,
    clientOrderId: req.client_order_id,
    orderClass,
    positionIntent: intentOf(req, side),
  };
  checkClass(n);
  return n;
}
