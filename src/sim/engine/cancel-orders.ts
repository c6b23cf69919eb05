/** @module Cancel one order or all open orders; a filled, canceled, expired or replaced order is not cancelable. */
import type { SimOrder } from '../contracts.ts';
import type { EngineState } from './engine-state.ts';
import { snap } from './engine-state.ts';
import { terminate } from './lifecycle.ts';
import { isOpen } from './order-record.ts';
import { notFound, unprocessable } from './rejections.ts';

export function cancelOrder(engine: EngineState, id: string): void {
  const rec = engine.book.get(id);
  if (!rec) throw notFound('order not found');
  if (!isOpen(rec)) throw unprocessable('order is not cancelable');
  terminate(engine, rec, 'canceled');
}

/** Cancels every open order (legs with their parents); one result per order canceled, oldest first. */
export function cancelAllOrders(
  engine: EngineState,
): Array<{ id: string; status: number; order: SimOrder }> {
  const open = engine.book.open();
  for (const rec of open) if (isOpen(rec)) terminate(engine, rec, 'canceled');
  return open.map((rec) => ({ id: rec.id, status: 200, order: snap(engine, rec) }));
}
