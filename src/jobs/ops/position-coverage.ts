/** @module Protection coverage of a position: which open sell orders protect it, and how many shares they cover. */
import { floorQty } from '../../domain/money.ts';
import type { OrderReport } from '../../domain/orders.ts';
import type { PositionReport } from '../../domain/account.ts';

export type CoverageState = 'protected' | 'partial' | 'UNPROTECTED' | 'closing';

export interface ProtectiveOrder {
  readonly id: string;
  readonly clientOrderId: string;
  /** 'oco' (target + stop), 'stop', 'stop_limit', 'trailing_stop', 'limit' (target only), 'market' (liquidating). */
  readonly shape: string;
  readonly qty: number;
  readonly timeInForce: string;
  readonly status: string;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
}

export interface Coverage {
  readonly state: CoverageState;
  /** Shares covered by a stop (OCO stop legs, stop orders): the downside protection. */
  readonly protectedQty: number;
  readonly orders: readonly ProtectiveOrder[];
}

const STOPS = new Set(['stop', 'stop_limit', 'trailing_stop']);
const remaining = (o: OrderReport): number => Math.max(0, (o.qty ?? 0) - o.filledQty);

/** Flattens nested legs into one list, each order once. */
export function flattenLegs(orders: readonly OrderReport[]): OrderReport[] {
  const seen = new Map<string, OrderReport>();
  const visit = (o: OrderReport): void => {
    if (!seen.has(o.id)) seen.set(o.id, o);
    o.legs.forEach(visit);
  };
  orders.forEach(visit);
  return [...seen.values()];
}

/** One open sell order as status shows it; an OCO's stop price comes from its stop leg. */
export function describeOrder(o: OrderReport): ProtectiveOrder {
  const stopLeg = o.legs.find((l) => STOPS.has(l.type));
  const shape = o.orderClass === 'oco' || o.orderClass === 'bracket' ? 'oco' : o.type;
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    shape,
    qty: remaining(o),
    timeInForce: o.timeInForce,
    status: o.status,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice ?? stopLeg?.stopPrice ?? null,
  };
}

/**
 * The coverage of a long position by the open orders of its symbol. An OCO reserves its shares once,
 * so it counts once (its legs are not counted again); a limit sell alone is a target, not protection.
 */
export function coverageOf(position: PositionReport, openOrders: readonly OrderReport[]): Coverage {
  const all = flattenLegs(openOrders).filter(
    (o) => o.symbol === position.symbol && o.side === 'sell',
  );
  const legIds = new Set(all.flatMap((o) => o.legs.map((l) => l.id)));
  // A leg is part of its parent's reservation: only orders that are nobody's leg count.
  const parents = all.filter((o) => !legIds.has(o.id));
  const orders = parents.map(describeOrder);
  const stopQty = parents
    .filter((o) => STOPS.has(o.type) || o.legs.some((l) => STOPS.has(l.type)))
    .reduce((sum, o) => sum + remaining(o), 0);
  const marketQty = parents
    .filter((o) => o.type === 'market')
    .reduce((sum, o) => sum + remaining(o), 0);
  const held = Math.abs(position.qty);
  const protectedQty = floorQty(Math.min(stopQty, held));
  const state: CoverageState =
    marketQty + 1e-9 >= held
      ? 'closing'
      : protectedQty + 1e-9 >= held
        ? 'protected'
        : protectedQty > 0
          ? 'partial'
          : 'UNPROTECTED';
  return { state, protectedQty, orders };
}
