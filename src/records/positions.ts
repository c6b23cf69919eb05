/**
 * @module The daemon's positions record (store table 'positions', one key per symbol): what the broker does not
 * keep (entry price and time, high-water mark, the order that opened it). Written by the daemon in order, read at
 * its start before it reconciles with the broker.
 */
import type { PersistedHolding } from '../domain/holdings/holding.ts';
import type { Store } from '../domain/store.ts';

export const POSITIONS_TABLE = 'positions';

export function readPositions(store: Store): PersistedHolding[] {
  return store
    .table<PersistedHolding>(POSITIONS_TABLE)
    .entries()
    .map(([, v]) => v);
}

/** Saves a position's record, or removes it (`null`: the position is closed). */
export async function writePosition(
  store: Store,
  symbol: string,
  value: PersistedHolding | null,
): Promise<void> {
  const table = store.table<PersistedHolding>(POSITIONS_TABLE);
  await (value === null ? table.remove(symbol) : table.put(symbol, value));
}
