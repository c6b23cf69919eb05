/** @module The exchange's mutable order record (SimOrder plus matching state), its open/terminal statuses and its immutable snapshot. */
import type { SimOrder, SimOrderStatus } from '../contracts.ts';
import { roundQty } from '../../domain/money.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The orders of one advanced order: the entry (bracket/oto) and the exits that share one share reservation. */
export interface OrderGroup {
  readonly kind: 'bracket' | 'oco' | 'oto';
  entryId: string | null;
  /** Bracket: [take profit, stop loss]; oco: [take profit (the parent), stop loss]; oto: [the leg]. */
  readonly exitIds: string[];
}

export interface OrderRecord extends Mutable<Omit<SimOrder, 'legs'>> {
  /** Creation sequence: time priority among resting orders. */
  readonly seq: number;
  group: OrderGroup | undefined;
  /** Quantity this order fills in all (qty; notional orders: fixed at submission (sell) or first execution (buy)). */
  targetQty: number | null;
  /** Sum of price x qty of the executions, for the average price and notional remainders. */
  filledNotional: number;
  /** Cash reserved per unfilled share for buys (limit, stop-limit cap, or last ask plus a buffer). */
  reservePerShare: number;
  /** A stop, stop-limit or trailing stop that a print has triggered. */
  elected: boolean;
  /** The limit a buy stop becomes once elected (stop + 4 % below $50, + 2.5 % from $50). */
  protectLimit: number | null;
  /** Executions this order still has to be split into (fault injection), 0 = normal. */
  injectedParts: number;
}

const OPEN: ReadonlySet<SimOrderStatus> = new Set<SimOrderStatus>([
  'accepted',
  'pending_new',
  'new',
  'partially_filled',
  'held',
  'pending_cancel',
  'pending_replace',
  'done_for_day',
]);

export const isOpenStatus = (status: SimOrderStatus): boolean => OPEN.has(status);
export const isOpen = (rec: OrderRecord): boolean => OPEN.has(rec.status);
/** Open and not a dormant leg: it reserves cash or shares. */
export const isActive = (rec: OrderRecord): boolean =>
  OPEN.has(rec.status) && rec.status !== 'held';
/** Live at the venue: may match now (subject to the session and its type). */
export const isWorking = (rec: OrderRecord): boolean =>
  rec.status === 'new' || rec.status === 'partially_filled';

/** Unfilled quantity; a notional buy before its first execution reports 0 (its size is not known yet). */
export function remainingQty(rec: OrderRecord): number {
  if (rec.targetQty === null) return 0;
  return Math.max(0, roundQty(rec.targetQty - rec.filled_qty));
}

/** The parent of an advanced order: bracket/oto entry, or the oco take profit. */
export function groupParentId(group: OrderGroup): string | undefined {
  return group.entryId ?? group.exitIds[0];
}

/** Ids of the legs shown under this record, if it is its group's parent. */
export function legIdsOf(rec: OrderRecord): string[] {
  const g = rec.group;
  if (!g || groupParentId(g) !== rec.id) return [];
  return g.entryId === null ? g.exitIds.slice(1) : [...g.exitIds];
}

/** An immutable copy of the order as the outside world sees it. */
export function snapshot(
  rec: OrderRecord,
  lookup: (id: string) => OrderRecord | undefined,
): SimOrder {
  const legs = legIdsOf(rec)
    .map(lookup)
    .filter((leg): leg is OrderRecord => leg !== undefined)
    .map((leg) => snapshotFlat(leg, []));
  return snapshotFlat(rec, legs);
}

function snapshotFlat(rec: OrderRecord, legs: SimOrder[]): SimOrder {
  const order: SimOrder = {
    id: rec.id,
    client_order_id: rec.client_order_id,
    symbol: rec.symbol,
    asset_id: rec.asset_id,
    side: rec.side,
    type: rec.type,
    time_in_force: rec.time_in_force,
    order_class: rec.order_class,
    status: rec.status,
    qty: rec.qty,
    notional: rec.notional,
    filled_qty: rec.filled_qty,
    filled_avg_price: rec.filled_avg_price,
    limit_price: rec.limit_price,
    stop_price: rec.stop_price,
    trail_price: rec.trail_price,
    trail_percent: rec.trail_percent,
    hwm: rec.hwm,
    extended_hours: rec.extended_hours,
    position_intent: rec.position_intent,
    expires_at: rec.expires_at,
    created_at: rec.created_at,
    updated_at: rec.updated_at,
    submitted_at: rec.submitted_at,
    filled_at: rec.filled_at,
    expired_at: rec.expired_at,
    canceled_at: rec.canceled_at,
    failed_at: rec.failed_at,
    replaced_at: rec.replaced_at,
    replaced_by: rec.replaced_by,
    replaces: rec.replaces,
    legs: Object.freeze(legs),
    parent_id: rec.parent_id,
  };
  return Object.freeze(order);
}
