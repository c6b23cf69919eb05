/** @module Folds one trade_updates event into the holdings: entries open or grow a holding, sells move its orders. */
import { roleOfClientOrderId, type OrderRole } from '../ids/client-order-ids.ts';
import type { TradeUpdate } from '../events.ts';
import { openExitState } from '../rules/exit-rules.ts';
import {
  findTracked,
  newHolding,
  remainingQty,
  replaceTracked,
  sameQty,
  trackedFromReport,
  withEnded,
  type Holding,
  type TrackedOrder,
} from './holding.ts';
import type { Draft } from './draft.ts';
import { exitRefused, protectionRefused } from './failures.ts';
import { isTerminalStatus } from '../orders.ts';

type Execution = TradeUpdate & {
  readonly price: number;
  readonly qty: number;
  readonly positionQty: number;
};

const isExecution = (u: TradeUpdate): u is Execution =>
  (u.event === 'fill' || u.event === 'partial_fill') &&
  u.price !== null &&
  u.qty !== null &&
  u.positionQty !== null;

function fillEvent(d: Draft, u: Execution, role: OrderRole | 'entry'): void {
  const o = u.order;
  d.emit({
    kind: 'FillReceived',
    symbol: o.symbol,
    side: o.side,
    role,
    price: u.price,
    qty: u.qty,
    positionQty: u.positionQty,
    executionId: u.executionId,
    orderId: o.id,
    clientOrderId: o.clientOrderId,
    tsEvent: u.tsEvent,
    tsReceived: u.tsReceived,
  });
}

export function applyTradeUpdate(d: Draft, u: TradeUpdate): void {
  if (u.order.symbol === '') return;
  if (u.order.side === 'buy') applyBuy(d, u);
  else applySell(d, u);
}

/** Open buys block protective sells (wash trade); their end lifts a deferral. */
function trackBuy(h: Holding, orderId: string, open: boolean): Holding {
  const has = h.openBuyIds.includes(orderId);
  if (open === has) return h;
  if (open) return { ...h, openBuyIds: [...h.openBuyIds, orderId] };
  return {
    ...h,
    openBuyIds: h.openBuyIds.filter((id) => id !== orderId),
    deferredFor: h.deferredFor.filter((id) => id !== orderId),
  };
}

/** A buy the exit's sweep is cancelling leaves the tracked set once it ends. */
function dropEndedBuy(h: Holding, u: TradeUpdate): Holding {
  const t = findTracked(h.orders, u.order.id, u.order.clientOrderId);
  if (t === undefined || !isTerminalStatus(u.order.status)) return h;
  return withEnded({ ...h, orders: replaceTracked(h.orders, t, null) }, u.order.id);
}

/** E after a buy execution: the order's VWAP when it alone makes the position, else the running average. */
function entryAfter(h: Holding | undefined, u: Execution, fresh: boolean): number {
  const o = u.order;
  if (sameQty(u.positionQty, o.filledQty) && o.filledAvgPrice !== null) return o.filledAvgPrice;
  if (fresh || h === undefined) return u.price;
  const before = u.positionQty - u.qty;
  if (before > 0 && sameQty(before, h.qty))
    return (before * h.exit.entryPrice + u.qty * u.price) / u.positionQty;
  // History unknown (missed events): the next audit adopts the broker's average entry price.
  return h.exit.entryPrice;
}

function applyBuy(d: Draft, u: TradeUpdate): void {
  const o = u.order;
  const known = d.get(o.symbol);
  const h =
    known === undefined
      ? undefined
      : dropEndedBuy(trackBuy(known, o.id, !isTerminalStatus(o.status)), u);
  if (!isExecution(u)) {
    if (h !== undefined && h !== known) d.set(h);
    return;
  }
  const own = o.clientOrderId.startsWith(d.options.ownPrefix);
  fillEvent(d, u, 'entry');
  if (u.positionQty <= 0) {
    // A buy that covers a short: nothing long to protect.
    if (h !== undefined) d.set({ ...h, qty: 0, tsLastEvent: d.now });
    return;
  }
  if (h !== undefined && h.qty > 0 && !sameQty(h.qty + u.qty, u.positionQty)) {
    // Out of sequence (a delayed frame older than what was applied, or one missed before it): never shrink.
    outOfSequence(d, h, u, Math.max(h.qty, u.positionQty));
    return;
  }
  const fresh = h === undefined || sameQty(u.positionQty, u.qty);
  const managed = d.options.protect === 'all' || own || (h?.managed === true && !fresh);
  if (!managed) return;
  const entry = entryAfter(h, u, fresh);
  const openBuys = isTerminalStatus(o.status) ? [] : [o.id];
  const base: Holding = fresh
    ? newHolding(o.symbol, {
        exit: openExitState(entry, u.tsEvent),
        anchor: o.id,
        seq: h?.seq ?? 0,
        orders: h?.orders ?? [],
        openBuyIds: h?.openBuyIds ?? openBuys,
        ended: h?.ended ?? [],
      })
    : {
        ...h,
        exit: { ...h.exit, entryPrice: entry, highWater: Math.max(h.exit.highWater, entry) },
      };
  d.set({
    ...base,
    qty: u.positionQty,
    managed,
    entryOrderId: o.id,
    tsLastEvent: d.now,
    retryAt: 0,
    failures: 0,
    trigger: { entryOrderId: o.id, tsReceived: u.tsReceived },
  });
}

/**
 * Our protection canceled by the broker, unasked: a corporate action (a split's ex-date cancels every open order
 * and restates the position) or an operator. Its prices may no longer hold: read the broker before re-protecting.
 */
function canceledByBroker(d: Draft, h: Holding): Holding {
  d.command({ kind: 'RequestAudit', reason: `${h.symbol}: protection canceled by the broker` });
  return { ...h, awaitingAuditSince: d.now };
}

function requestAudit(d: Draft, symbol: string, u: Execution): void {
  d.command({
    kind: 'RequestAudit',
    reason: `${symbol}: execution ${u.executionId ?? ''} out of sequence (position ${String(u.positionQty)})`,
  });
}

/** A fill whose position disagrees with the one applied: keep `qty` (the safe side) until the audit reads the broker's. */
function outOfSequence(d: Draft, h: Holding, u: Execution, qty: number): void {
  requestAudit(d, h.symbol, u);
  d.set({
    ...h,
    qty,
    tsLastEvent: d.now,
    retryAt: 0,
    failures: 0,
    trigger: { entryOrderId: u.order.id, tsReceived: u.tsReceived },
  });
}

function applySell(d: Draft, u: TradeUpdate): void {
  const o = u.order;
  let h = d.get(o.symbol);
  const t = h === undefined ? undefined : findTracked(h.orders, o.id, o.clientOrderId);
  if (isExecution(u)) fillEvent(d, u, t?.role ?? roleOfClientOrderId(o.clientOrderId));
  if (h === undefined) return;
  if (isExecution(u)) {
    const implied = h.qty - u.qty;
    if (sameQty(implied, u.positionQty))
      h = { ...h, qty: Math.max(0, u.positionQty), tsLastEvent: d.now };
    else {
      // Out of sequence: of the two, the larger position keeps every share protected until the audit says.
      requestAudit(d, h.symbol, u);
      h = { ...h, qty: Math.max(0, implied, u.positionQty), tsLastEvent: d.now };
    }
  }
  if (t !== undefined) h = updateTracked(d, h, t, u);
  else if (
    !isTerminalStatus(o.status) &&
    roleOfClientOrderId(o.clientOrderId) !== 'foreign' &&
    !h.ended.includes(o.id)
  ) {
    // One of ours the daemon lost track of (placed before a restart): track it again.
    h = { ...h, orders: [...h.orders, trackedFromReport(o, d.now)] };
  }
  d.set(h);
}

function updateTracked(d: Draft, h: Holding, t: TrackedOrder, u: TradeUpdate): Holding {
  const o = u.order;
  const ended = (): Holding =>
    withEnded(
      { ...h, orders: replaceTracked(h.orders, t, null) },
      t.clientOrderId,
      t.orderId ?? '',
      ...t.liveIds,
    );
  // A fill completes the whole order; for an OCO, either leg filling ends the group (the broker cancels the other).
  if (u.event === 'fill') return ended();
  if (u.event === 'partial_fill')
    return { ...h, orders: replaceTracked(h.orders, t, { ...t, qty: remainingQty(o) }) };
  if (isTerminalStatus(o.status)) {
    const liveIds = t.liveIds.filter((id) => id !== o.id);
    if (liveIds.length > 0) return { ...h, orders: replaceTracked(h.orders, t, { ...t, liveIds }) };
    const gone = ended();
    const error = `${o.status} by the broker`;
    if (t.state === 'cancelling') return gone;
    if (t.role === 'exit' || t.role === 'fexit')
      return exitRefused(d, gone, t.clientOrderId, error);
    if ((t.role === 'oco' || t.role === 'stop') && o.status === 'rejected')
      return protectionRefused(d, gone, t.role, t.clientOrderId, error);
    if ((t.role === 'oco' || t.role === 'stop') && o.status === 'canceled')
      return canceledByBroker(d, gone);
    return gone;
  }
  const state =
    t.state === 'cancelling' && u.event !== 'order_cancel_rejected' ? 'cancelling' : 'open';
  const orderId = t.orderId ?? (o.clientOrderId === t.clientOrderId ? o.id : null);
  const liveIds = t.liveIds.includes(o.id) ? t.liveIds : [...t.liveIds, o.id];
  return {
    ...h,
    orders: replaceTracked(h.orders, t, { ...t, orderId, liveIds, state, tsSince: d.now }),
  };
}
