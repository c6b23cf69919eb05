/** @module Turns the protection plan of one holding into broker commands, and closes out a holding whose position is gone. */
import { protectiveClientOrderId } from '../ids/client-order-ids.ts';
import type { OwnRole } from './daemon-inputs.ts';
import { replaceTracked, type Holding, type TrackedOrder } from './holding.ts';
import type { Draft } from './draft.ts';
import type { Qty } from '../money.ts';
import type { SubmitOrder } from '../orders.ts';
import {
  fractionalStopOrder,
  ocoOrder,
  planProtection,
  type ProtectionStep,
} from '../rules/protection-plan.ts';

/** The next unused client id for an order of this holding (skips ids known to be taken). */
export function nextClientOrderId(
  h: Holding,
  role: OwnRole,
  qty: number,
): { id: string; n: number } {
  let n = h.seq;
  let id = protectiveClientOrderId({ role, symbol: h.symbol, anchor: h.anchor, qty, n });
  while (h.ended.includes(id) || h.orders.some((o) => o.clientOrderId === id)) {
    n += 1;
    id = protectiveClientOrderId({ role, symbol: h.symbol, anchor: h.anchor, qty, n });
  }
  return { id, n };
}

/** Sends a cancel for a working order and marks it cancelling until the broker confirms. */
export function cancelTracked(d: Draft, h: Holding, o: TrackedOrder, reason: string): Holding {
  if (o.orderId === null || o.state !== 'open') return h;
  d.command({
    kind: 'Cancel',
    symbol: h.symbol,
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    reason,
  });
  d.emit({
    kind: 'ProtectionCancelling',
    symbol: h.symbol,
    role: o.role,
    clientOrderId: o.clientOrderId,
    orderId: o.orderId,
    reason,
  });
  return {
    ...h,
    orders: replaceTracked(h.orders, o, { ...o, state: 'cancelling', tsSince: d.now }),
  };
}

/** Submits an order of ours and tracks it as submitting (the answer or a trade update moves it on). */
export function submitTracked(
  d: Draft,
  h: Holding,
  role: OwnRole,
  order: (clientOrderId: string) => SubmitOrder,
  qty: Qty,
  prices: { stop: number | null; limit: number | null },
  withPlacement: boolean,
): Holding {
  const { id, n } = nextClientOrderId(h, role, qty);
  const tracked: TrackedOrder = {
    clientOrderId: id,
    orderId: null,
    liveIds: [],
    role,
    qty,
    stopPrice: prices.stop,
    limitPrice: prices.limit,
    state: 'submitting',
    n,
    tsSince: d.now,
  };
  d.command({
    kind: 'Submit',
    symbol: h.symbol,
    role,
    n,
    order: order(id),
    placement: withPlacement
      ? {
          entryOrderId: h.entryOrderId,
          entryPrice: h.exit.entryPrice,
          stopPrice: prices.stop ?? 0,
          takeProfitPrice: prices.limit,
          tsTrigger: h.trigger?.tsReceived ?? null,
          cause: d.cause,
        }
      : null,
  });
  return { ...h, orders: [...h.orders, tracked], seq: n + 1 };
}

function applyStep(d: Draft, h: Holding, step: ProtectionStep): Holding {
  if (step.kind === 'cancel') return cancelTracked(d, h, step.order, step.reason);
  const e = h.exit.entryPrice;
  const reason =
    `protect ${step.qty} ${h.symbol} entered at ${e}: stop ${step.stopPrice}` +
    (step.takeProfitPrice === null ? ' (fractional, DAY)' : `, target ${step.takeProfitPrice}`);
  const build = (id: string): SubmitOrder =>
    step.role === 'oco' && step.takeProfitPrice !== null
      ? ocoOrder(h.symbol, id, step.qty, step.stopPrice, step.takeProfitPrice, reason)
      : fractionalStopOrder(h.symbol, id, step.qty, step.stopPrice, reason);
  const next = submitTracked(
    d,
    h,
    step.role,
    build,
    step.qty,
    { stop: step.stopPrice, limit: step.takeProfitPrice },
    true,
  );
  return { ...next, trigger: null };
}

/** Brings a held position's protection to its target (no-op while backing off or deferred behind an entry). */
export function protect(d: Draft, h: Holding): void {
  if (d.now < h.retryAt || h.deferredFor.length > 0 || h.awaitingAuditSince > 0) {
    d.put(h);
    return;
  }
  const steps = planProtection(
    {
      qty: h.qty,
      entryPrice: h.exit.entryPrice,
      orders: h.orders,
      atr: d.options.atrOf?.(h.symbol, h.exit.tsEntry) ?? null,
    },
    { rules: d.options.rules, sessionOpen: d.sessionOpen },
  );
  // A pending retry is acted on now: cleared, so the wake-up timer does not fire for it again.
  let next: Holding = h.retryAt === 0 ? h : { ...h, retryAt: 0 };
  for (const step of steps) next = applyStep(d, next, step);
  const settled = steps.length === 0 && next.orders.every((o) => o.state === 'open');
  d.put(settled ? { ...next, trigger: null } : next);
}

/** The position is gone: cancel what of ours still works, then forget the holding. */
export function closeOut(d: Draft, h: Holding): void {
  let next = h;
  for (const step of planProtection(
    { qty: 0, entryPrice: h.exit.entryPrice, orders: h.orders },
    { rules: d.options.rules, sessionOpen: d.sessionOpen },
  )) {
    next = applyStep(d, next, step);
  }
  if (next.orders.some((o) => o.role !== 'foreign')) {
    d.put(next);
    return;
  }
  d.remove(h.symbol);
  if (h.exit.entryPrice > 0)
    d.emit({
      kind: 'PositionClosed',
      symbol: h.symbol,
      entryPrice: h.exit.entryPrice,
      highWater: h.exit.highWater,
    });
}
