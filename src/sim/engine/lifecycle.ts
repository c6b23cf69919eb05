/** @module Order endings and advanced-order links: cancel/expire with cascades, leg activation, one exit cancelling or shrinking the other. */
import type { EngineState } from './engine-state.ts';
import { emitUpdate, setStatus } from './engine-state.ts';
import type { OrderRecord } from './order-record.ts';
import { isOpen } from './order-record.ts';
import { roundQty } from '../../domain/money.ts';

const member = (engine: EngineState, id: string): OrderRecord | undefined => engine.book.get(id);

/** The other exits of this order's advanced order (oco pair, bracket legs), open ones only. */
function openSiblings(engine: EngineState, rec: OrderRecord): OrderRecord[] {
  const g = rec.group;
  if (!g?.exitIds.includes(rec.id)) return [];
  return g.exitIds
    .filter((id) => id !== rec.id)
    .map((id) => member(engine, id))
    .filter((r): r is OrderRecord => r !== undefined && isOpen(r));
}

/**
 * Ends an open order as canceled or expired and emits the event. Ending a bracket/oto entry ends its
 * held legs the same way; ending one exit of a pair ends the other (the pair protects the same shares).
 */
export function terminate(
  engine: EngineState,
  rec: OrderRecord,
  status: 'canceled' | 'expired',
): void {
  if (!isOpen(rec)) return;
  setStatus(engine, rec, status);
  emitUpdate(engine, status, rec);
  const g = rec.group;
  if (!g) return;
  if (g.entryId === rec.id) {
    for (const id of g.exitIds) {
      const leg = member(engine, id);
      if (leg?.status === 'held') terminate(engine, leg, status);
    }
  } else {
    for (const sibling of openSiblings(engine, rec)) terminate(engine, sibling, 'canceled');
  }
}

/**
 * A partial execution of one exit shrinks the other exits by the same qty (they protect the same
 * shares). Runs before the execution's event, so that event's snapshot shows the shrunk legs.
 */
export function shrinkSiblings(engine: EngineState, rec: OrderRecord, qty: number): void {
  for (const sibling of openSiblings(engine, rec)) {
    if (sibling.qty === null) continue;
    sibling.qty = roundQty(sibling.qty - qty);
    sibling.targetQty = sibling.qty;
    sibling.updated_at = engine.now;
  }
}

/**
 * Advanced-order effects of a completed order, after its fill event: a filled exit cancels the other
 * exits; a filled entry activates its held legs. Returns the legs activated now.
 */
export function afterFill(engine: EngineState, rec: OrderRecord): OrderRecord[] {
  const g = rec.group;
  if (!g) return [];
  if (g.exitIds.includes(rec.id)) {
    for (const sibling of openSiblings(engine, rec)) terminate(engine, sibling, 'canceled');
    return [];
  }
  if (g.entryId !== rec.id) return [];
  const activated: OrderRecord[] = [];
  for (const id of g.exitIds) {
    const leg = member(engine, id);
    if (leg?.status !== 'held') continue;
    const status = engine.session ? 'new' : 'accepted';
    setStatus(engine, leg, status);
    if (status === 'new') emitUpdate(engine, 'new', leg);
    activated.push(leg);
  }
  return activated;
}
