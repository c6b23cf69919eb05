/** @module Replace (PATCH): a new order with a new id takes the old one's place; the old one ends `replaced` (ALPACA.md §7.2). */
import type { SimOrder, SimTif } from '../contracts.ts';
import { isWholeQty } from '../../domain/money.ts';
import type { EngineState } from './engine-state.ts';
import { emitUpdate, setStatus, snap } from './engine-state.ts';
import { newId } from './ids.ts';
import { matchOrder, touchOf } from './match-order.ts';
import { trackTrail } from './matching.ts';
import { initialStatus } from './new-records.ts';
import { expiresAt } from './order-expiry.ts';
import type { OrderRecord } from './order-record.ts';
import { isOpen, remainingQty } from './order-record.ts';
import { cashReservation } from './reservations.ts';
import { forbidden, invalidRequest, notFound, unprocessable } from './rejections.ts';
import { checkClientOrderId } from './validate-context.ts';
import { buyStopLimit, checkBuyingPower, checkSellQty, reservePerShare } from './validate-funds.ts';
import { checkPrice, checkQty } from './validate-request.ts';

export interface ReplacePatch {
  qty?: number;
  limit_price?: number;
  stop_price?: number;
  trail?: number;
  time_in_force?: SimTif;
  client_order_id?: string;
}

function checkPatch(old: OrderRecord, patch: ReplacePatch): void {
  if (patch.limit_price !== undefined && old.type !== 'limit' && old.type !== 'stop_limit') {
    throw invalidRequest(`limit_price does not apply to ${old.type} orders`);
  }
  if (patch.stop_price !== undefined && old.type !== 'stop' && old.type !== 'stop_limit') {
    throw invalidRequest(`stop_price does not apply to ${old.type} orders`);
  }
  if (patch.trail !== undefined && old.type !== 'trailing_stop')
    throw invalidRequest(`trail does not apply to ${old.type} orders`);
  if (patch.time_in_force !== undefined && !['day', 'gtc'].includes(patch.time_in_force)) {
    throw unprocessable(`time_in_force ${patch.time_in_force} is not supported for a replacement`);
  }
  if (old.notional !== null || !isWholeQty(old.qty ?? 0) || !isWholeQty(patch.qty ?? 0)) {
    if (patch.time_in_force === 'gtc') throw invalidRequest('fractional orders must be DAY orders');
  }
  const g = old.group;
  if (g && (g.entryId === old.id || g.kind === 'oto'))
    throw unprocessable(`replace is not supported for this ${g.kind} order`);
  if (g && patch.qty !== undefined)
    throw unprocessable('the qty of an advanced order leg cannot be replaced');
  if (old.notional !== null && patch.qty !== undefined)
    throw unprocessable('the qty of a notional order cannot be replaced');
  const trail = old.trail_price ?? old.trail_percent;
  const same =
    (patch.qty === undefined || patch.qty === remainingQty(old)) &&
    (patch.limit_price === undefined || patch.limit_price === old.limit_price) &&
    (patch.stop_price === undefined || patch.stop_price === old.stop_price) &&
    (patch.trail === undefined || patch.trail === trail) &&
    (patch.time_in_force === undefined || patch.time_in_force === old.time_in_force);
  if (same) throw forbidden('order parameters are not changed');
}

function successor(engine: EngineState, old: OrderRecord, patch: ReplacePatch): OrderRecord {
  const now = engine.now;
  const qty =
    patch.qty === undefined ? (old.qty === null ? null : remainingQty(old)) : checkQty(patch.qty);
  const stopPrice = checkPrice(patch.stop_price, 'stop_price') ?? old.stop_price;
  const next: OrderRecord = {
    ...old,
    id: newId(),
    client_order_id: patch.client_order_id ?? newId(),
    time_in_force: patch.time_in_force ?? old.time_in_force,
    expires_at: expiresAt(engine, patch.time_in_force ?? old.time_in_force, old.extended_hours),
    qty,
    targetQty: old.targetQty === null ? null : (qty ?? remainingQty(old)),
    notional: old.notional === null ? null : old.notional - old.filledNotional,
    filled_qty: 0,
    filledNotional: 0,
    filled_avg_price: null,
    limit_price: checkPrice(patch.limit_price, 'limit_price') ?? old.limit_price,
    stop_price: stopPrice,
    trail_price: old.trail_price === null ? null : (patch.trail ?? old.trail_price),
    trail_percent: old.trail_percent === null ? null : (patch.trail ?? old.trail_percent),
    created_at: now,
    updated_at: now,
    submitted_at: now,
    filled_at: null,
    replaces: old.id,
    replaced_by: null,
    seq: engine.book.nextSeq(),
    elected: old.elected && patch.stop_price === undefined && patch.trail === undefined,
    protectLimit: old.side === 'buy' && old.type === 'stop' ? buyStopLimit(stopPrice ?? 0) : null,
    injectedParts: 0,
  };
  if (next.side === 'buy')
    next.reservePerShare = reservePerShare(engine, {
      symbol: next.symbol,
      type: next.type,
      limitPrice: next.limit_price,
      stopPrice: next.stop_price,
    });
  if (next.type === 'trailing_stop' && patch.trail !== undefined && old.hwm !== null) {
    next.hwm = null;
    trackTrail(next, old.hwm);
  }
  return next;
}

/** Moves the new order into the old one's place in its advanced order (and the legs' parent id). */
function takePlace(engine: EngineState, old: OrderRecord, next: OrderRecord): void {
  const g = old.group;
  if (!g) return;
  const i = g.exitIds.indexOf(old.id);
  if (i >= 0) g.exitIds[i] = next.id;
  if (old.parent_id === null) {
    for (const id of g.exitIds) {
      const member = engine.book.get(id);
      if (member && member !== next) member.parent_id = next.id;
    }
  }
  old.group = undefined;
}

export function replaceOrder(engine: EngineState, id: string, patch: ReplacePatch): SimOrder {
  const old = engine.book.get(id);
  if (!old) throw notFound('order not found');
  if (!isOpen(old)) throw unprocessable('order is not replaceable');
  checkPatch(old, patch);
  checkClientOrderId(engine, patch.client_order_id);
  const next = successor(engine, old, patch);
  if (next.side === 'sell' && next.targetQty !== null && !old.group)
    checkSellQty(engine, next.symbol, remainingQty(next), old);
  if (next.side === 'buy')
    checkBuyingPower(engine, Math.max(cashReservation(next), cashReservation(old)), old);
  if (old.status !== 'held')
    next.status = initialStatus(engine, {
      tif: next.time_in_force,
      extendedHours: next.extended_hours,
    });
  takePlace(engine, old, next);
  engine.book.add(next);
  old.replaced_by = next.id;
  setStatus(engine, old, 'replaced');
  emitUpdate(engine, 'replaced', old);
  if (next.status === 'new') emitUpdate(engine, 'new', next);
  const accepted = snap(engine, next);
  if (next.status === 'new') matchOrder(engine, next, touchOf(engine, next.symbol));
  return accepted;
}
