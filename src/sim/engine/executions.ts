/** @module Executions of one order at one price: how it splits into partial fills (seeded rate or injected parts) and how each is booked. */
import { floorQty, isWholeQty, roundQty } from '../../domain/money.ts';
import { activityId } from './activity-log.ts';
import type { EngineState } from './engine-state.ts';
import { emitUpdate, setStatus } from './engine-state.ts';
import { newId } from './ids.ts';
import { applyExecution } from './ledger.ts';
import { afterFill, shrinkSiblings, terminate } from './lifecycle.ts';
import type { OrderRecord } from './order-record.ts';
import { remainingQty } from './order-record.ts';

/** At most this many random partials in a row for a market-priced order before its rest fills. */
const MAX_RANDOM_PARTIALS = 4;

function splitEven(total: number, parts: number, whole: boolean): number[] {
  const unit = whole ? 1 : 1e-9;
  const n = Math.max(1, Math.min(parts, Math.floor(total / unit + 1e-6)));
  const base = whole ? Math.floor(total / n) : floorQty(total / n);
  const out = Array.from({ length: n - 1 }, () => base);
  out.push(roundQty(total - base * (n - 1)));
  return out;
}

function randomPortion(engine: EngineState, rest: number, whole: boolean): number {
  if (whole) return rest < 2 ? 0 : 1 + Math.floor(engine.rng.next() * (rest - 1));
  return floorQty(rest * (0.1 + 0.8 * engine.rng.next()));
}

/** Limit-priced orders (limits, stop-limits, elected buy stops) leave a random partial's rest for the next print. */
const limitPriced = (rec: OrderRecord): boolean =>
  rec.type === 'limit' || rec.type === 'stop_limit' || (rec.type === 'stop' && rec.side === 'buy');

/**
 * The quantities of the executions now. Injected parts fill everything at once in that many executions.
 * Otherwise each execution is, with probability partialFillRate, a random-size partial: a market-priced
 * order stays marketable and fills its rest at once (up to 4 partials), a limit-priced order waits for
 * the next print to be re-evaluated.
 */
function planParts(engine: EngineState, rec: OrderRecord, remaining: number): number[] {
  const whole = isWholeQty(remaining);
  if (rec.injectedParts > 1) {
    const parts = splitEven(remaining, rec.injectedParts, whole);
    rec.injectedParts = 0;
    return parts;
  }
  const allOrNone =
    rec.time_in_force === 'fok' || rec.time_in_force === 'opg' || rec.time_in_force === 'cls';
  if (allOrNone || engine.partialFillRate <= 0) return [remaining];
  const parts: number[] = [];
  let rest = remaining;
  while (parts.length < MAX_RANDOM_PARTIALS && engine.rng.next() < engine.partialFillRate) {
    const q = randomPortion(engine, rest, whole);
    if (q <= 0 || q >= rest) break;
    parts.push(q);
    rest = roundQty(rest - q);
    if (limitPriced(rec)) return parts;
  }
  parts.push(rest);
  return parts;
}

function bookExecution(
  engine: EngineState,
  rec: OrderRecord,
  price: number,
  qty: number,
): OrderRecord[] {
  rec.filled_qty = roundQty(rec.filled_qty + qty);
  rec.filledNotional += price * qty;
  rec.filled_avg_price = rec.filledNotional / rec.filled_qty;
  const complete = remainingQty(rec) <= 0;
  setStatus(engine, rec, complete ? 'filled' : 'partially_filled');
  const position_qty = applyExecution(engine.ledger, rec.side, rec.symbol, price, qty);
  if (!complete) shrinkSiblings(engine, rec, qty);
  const executionId = newId();
  engine.activities.add({
    kind: 'fill',
    id: activityId(engine.now, executionId),
    ts: engine.now,
    orderId: rec.id,
    symbol: rec.symbol,
    side: rec.side,
    price,
    qty,
    cumQty: rec.filled_qty,
    leavesQty: remainingQty(rec),
    orderStatus: rec.status,
    type: complete ? 'fill' : 'partial_fill',
  });
  emitUpdate(engine, complete ? 'fill' : 'partial_fill', rec, {
    price,
    qty,
    position_qty,
    execution_id: executionId,
  });
  return complete ? afterFill(engine, rec) : [];
}

/** Fills what is left of the order at `price`, as one or more executions. Returns advanced-order legs it activated. */
export function executeOrder(engine: EngineState, rec: OrderRecord, price: number): OrderRecord[] {
  if (rec.targetQty === null) {
    // A notional buy learns its size at its first execution.
    rec.targetQty = floorQty((rec.notional ?? 0) / price);
    if (rec.targetQty <= 0) {
      terminate(engine, rec, 'canceled');
      return [];
    }
  }
  const activated: OrderRecord[] = [];
  for (const qty of planParts(engine, rec, remainingQty(rec))) {
    if (qty <= 0) continue;
    activated.push(...bookExecution(engine, rec, price, qty));
  }
  return activated;
}
