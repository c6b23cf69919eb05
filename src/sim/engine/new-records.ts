/** @module Builds the records of a newly accepted order: the simple order, or the parent and legs of a bracket, oco or oto. */
import type {
  SimOrderStatus,
  SimOrderType,
  SimPositionIntent,
  SimSide,
  SimSymbolInfo,
} from '../contracts.ts';
import type { EngineState } from './engine-state.ts';
import { lastPrice } from './engine-state.ts';
import { assetIdFor, newId } from './ids.ts';
import { trackTrail } from './matching.ts';
import { defaultIntent, expiresAt } from './order-expiry.ts';
import type { OrderGroup, OrderRecord } from './order-record.ts';
import { buyStopLimit, reservePerShare } from './validate-funds.ts';
import type { NormalizedRequest } from './validate-request.ts';

interface OrderInit {
  readonly side: SimSide;
  readonly type: SimOrderType;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly status: SimOrderStatus;
  readonly clientOrderId: string;
  readonly targetQty: number | null;
  readonly intent: SimPositionIntent;
}

function makeRecord(
  engine: EngineState,
  n: NormalizedRequest,
  asset: SimSymbolInfo,
  init: OrderInit,
): OrderRecord {
  const now = engine.now;
  const rec: OrderRecord = {
    id: newId(),
    client_order_id: init.clientOrderId,
    symbol: n.symbol,
    asset_id: assetIdFor(asset.symbol),
    side: init.side,
    type: init.type,
    time_in_force: n.tif,
    order_class: n.orderClass,
    status: init.status,
    qty: n.qty,
    notional: n.notional,
    filled_qty: 0,
    filled_avg_price: null,
    limit_price: init.limitPrice,
    stop_price: init.stopPrice,
    trail_price: init.type === 'trailing_stop' ? n.trailPrice : null,
    trail_percent: init.type === 'trailing_stop' ? n.trailPercent : null,
    hwm: null,
    extended_hours: n.extendedHours,
    position_intent: init.intent,
    expires_at: expiresAt(engine, n.tif, n.extendedHours),
    created_at: now,
    updated_at: now,
    submitted_at: now,
    filled_at: null,
    expired_at: null,
    canceled_at: null,
    failed_at: null,
    replaced_at: null,
    replaced_by: null,
    replaces: null,
    parent_id: null,
    seq: engine.book.nextSeq(),
    group: undefined,
    targetQty: init.targetQty,
    filledNotional: 0,
    reservePerShare: 0,
    elected: false,
    protectLimit:
      init.side === 'buy' && init.type === 'stop' ? buyStopLimit(init.stopPrice ?? 0) : null,
    injectedParts: 0,
  };
  if (init.side === 'buy') {
    rec.reservePerShare = reservePerShare(engine, {
      symbol: n.symbol,
      type: init.type,
      limitPrice: init.limitPrice,
      stopPrice: init.stopPrice,
    });
  }
  if (init.type === 'trailing_stop') trackTrail(rec, lastPrice(engine, n.symbol));
  return rec;
}

/** Status of a new order: working now in regular hours (or extended-hours limits), else accepted for the next open. */
export function initialStatus(
  engine: EngineState,
  n: { tif: string; extendedHours: boolean },
): SimOrderStatus {
  if (n.tif === 'opg') return 'accepted';
  return engine.session !== undefined || n.extendedHours ? 'new' : 'accepted';
}

/** The records of an accepted request, parent first. `targetQty` is the parent's fixed size (null for a notional buy). */
export function buildRecords(
  engine: EngineState,
  n: NormalizedRequest,
  asset: SimSymbolInfo,
  targetQty: number | null,
): OrderRecord[] {
  const status = initialStatus(engine, n);
  const clientOrderId = n.clientOrderId ?? newId();
  // Made when called: a bracket's or oto's entry takes its sequence number after its legs.
  const entryRecord = (): OrderRecord =>
    makeRecord(engine, n, asset, {
      side: n.side,
      type: n.type,
      limitPrice: n.limitPrice,
      stopPrice: n.stopPrice,
      status,
      clientOrderId,
      targetQty,
      intent: n.positionIntent ?? defaultIntent(engine, n.symbol, n.side),
    });
  if (n.orderClass === 'simple') return [entryRecord()];
  const exitSide: SimSide = n.orderClass === 'oco' ? n.side : n.side === 'buy' ? 'sell' : 'buy';
  const legStatus = n.orderClass === 'oco' ? status : 'held';
  const leg = (
    type: SimOrderType,
    limitPrice: number | null,
    stopPrice: number | null,
    cid: string,
    s: SimOrderStatus,
  ): OrderRecord =>
    makeRecord(engine, n, asset, {
      side: exitSide,
      type,
      limitPrice,
      stopPrice,
      status: s,
      clientOrderId: cid,
      targetQty: n.qty,
      // Exits close what the entry opens (an oco closes what is held).
      intent:
        n.orderClass === 'oco'
          ? (n.positionIntent ?? defaultIntent(engine, n.symbol, exitSide))
          : `${exitSide}_to_close`,
    });
  const tp =
    n.takeProfit === null
      ? undefined
      : leg(
          'limit',
          n.takeProfit,
          null,
          n.orderClass === 'oco' ? clientOrderId : newId(),
          legStatus,
        );
  const sl = n.stopLoss
    ? leg(
        n.stopLoss.limitPrice === null ? 'stop' : 'stop_limit',
        n.stopLoss.limitPrice,
        n.stopLoss.stopPrice,
        newId(),
        legStatus,
      )
    : undefined;
  const exits = [tp, sl].filter((r): r is OrderRecord => r !== undefined);
  const entry = n.orderClass === 'oco' ? undefined : entryRecord();
  const group: OrderGroup = {
    kind: n.orderClass,
    entryId: entry?.id ?? null,
    exitIds: exits.map((r) => r.id),
  };
  const records = entry ? [entry, ...exits] : exits;
  const parentId = group.entryId ?? group.exitIds[0] ?? null;
  for (const r of records) {
    r.group = group;
    r.parent_id = r.id === parentId ? null : parentId;
  }
  return records;
}
