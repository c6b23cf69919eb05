/** @module Keeps the LMDB 'positions' table in step with the holdings (entry price, entry time, M), writes in order. */
import { EMPTY, catchError, concatMap, from, ignoreElements, pairwise, startWith, type OperatorFunction } from 'rxjs';
import { persistedOf, type PersistedHolding } from '../../domain/holdings/holding.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import type { Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';

export const POSITIONS_TABLE = 'positions';

/** The records to load at startup (before reconciling with the broker). */
export function loadPersisted(store: Store): PersistedHolding[] {
  return store.table<PersistedHolding>(POSITIONS_TABLE).entries().map(([, v]) => v);
}

type Write = { readonly symbol: string; readonly value: PersistedHolding | null };

function diff(prev: HoldingsState, next: HoldingsState): Write[] {
  // Before the first snapshot the daemon does not know the positions: nothing is written or removed.
  if (!next.synced) return [];
  const writes: Write[] = [];
  for (const [symbol, h] of next.holdings) {
    const before = prev.holdings.get(symbol);
    if (before === h) continue;
    const value = h.qty > 0 ? persistedOf(h) : null;
    const old = before !== undefined && before.qty > 0 ? persistedOf(before) : null;
    if (JSON.stringify(value) !== JSON.stringify(old) || !prev.synced) writes.push({ symbol, value });
  }
  for (const symbol of prev.holdings.keys()) if (!next.holdings.has(symbol)) writes.push({ symbol, value: null });
  return writes;
}

export function persistHoldings(store: Store, log: Logger, initial: HoldingsState): OperatorFunction<HoldingsState, never> {
  const table = store.table<PersistedHolding>(POSITIONS_TABLE);
  return (states$) =>
    states$.pipe(
      startWith(initial),
      pairwise(),
      concatMap(([prev, next]) => {
        const writes = diff(prev, next);
        if (writes.length === 0) return EMPTY;
        return from(Promise.all(writes.map((w) => (w.value === null ? table.remove(w.symbol) : table.put(w.symbol, w.value))))).pipe(
          catchError((e: unknown) => {
            log.error({ err: e instanceof Error ? e.message : String(e), symbols: writes.map((w) => w.symbol) }, 'position state could not be saved');
            return EMPTY;
          }),
        );
      }),
      ignoreElements(),
    );
}
