/** @module Keeps the positions record (records/positions.ts) in step with the holdings (entry price, entry time, M), writes in order. */
import {
  EMPTY,
  catchError,
  concatMap,
  from,
  ignoreElements,
  pairwise,
  startWith,
  type OperatorFunction,
} from 'rxjs';
import { persistedOf, type PersistedHolding } from '../../domain/holdings/holding.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import type { Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { writePosition } from '../../records/positions.ts';

type Write = { readonly symbol: string; readonly value: PersistedHolding | null };

function diff(prev: HoldingsState, next: HoldingsState): Write[] {
  // Before the first snapshot the daemon does not know the positions: nothing is written or removed.
  if (!next.synced) return [];
  const writes: Write[] = [];
  // forEach: every holding is visited at each step, without an allocation per holding (see layered-map.ts).
  next.holdings.forEach((h, symbol) => {
    const before = prev.holdings.get(symbol);
    if (before === h) return;
    const value = h.qty > 0 ? persistedOf(h) : null;
    const old = before !== undefined && before.qty > 0 ? persistedOf(before) : null;
    if (JSON.stringify(value) !== JSON.stringify(old) || !prev.synced)
      writes.push({ symbol, value });
  });
  prev.holdings.forEach((_, symbol) => {
    if (!next.holdings.has(symbol)) writes.push({ symbol, value: null });
  });
  return writes;
}

export function persistHoldings(
  store: Store,
  log: Logger,
  initial: HoldingsState,
): OperatorFunction<HoldingsState, never> {
  return (states$) =>
    states$.pipe(
      startWith(initial),
      pairwise(),
      concatMap(([prev, next]) => {
        const writes = diff(prev, next);
        if (writes.length === 0) return EMPTY;
        return from(Promise.all(writes.map((w) => writePosition(store, w.symbol, w.value)))).pipe(
          catchError((e: unknown) => {
            log.error(
              {
                err: e instanceof Error ? e.message : String(e),
                symbols: writes.map((w) => w.symbol),
              },
              'position state could not be saved',
            );
            return EMPTY;
          }),
        );
      }),
      ignoreElements(),
    );
}
