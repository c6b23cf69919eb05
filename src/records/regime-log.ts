/** @module The regime log in LMDB (table `regime_log`, keyed in append order): one line per VIX regime change (seed 001). */
import type { RegimeChange, RegimeName } from '../domain/rules/pipeline/vix-regime.ts';
import type { Store } from '../domain/store.ts';

export const REGIME_LOG_TABLE = 'regime_log';

/** Keys in the order lines were appended (a run's broker time may repeat or step back a little between runs). */
const keyOf = (n: number): string => String(n).padStart(10, '0');

export function regimeLog(store: Store): RegimeChange[] {
  return store
    .table<RegimeChange>(REGIME_LOG_TABLE)
    .entries()
    .map(([, v]) => v);
}

/** The regime of the last change logged, or null before the first. */
export function lastRegime(store: Store): RegimeName | null {
  return regimeLog(store).at(-1)?.regime ?? null;
}

export async function appendRegimeChange(store: Store, change: RegimeChange): Promise<void> {
  const table = store.table<RegimeChange>(REGIME_LOG_TABLE);
  let n = table.entries().length;
  while (!(await table.putIfAbsent(keyOf(n), change))) n += 1;
}
