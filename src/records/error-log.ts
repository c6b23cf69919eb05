/** @module The centralized error log (store table 'errors', seed 001): every WARN and above of any strikeline process, kept until resolved. */
import { ERROR_LEVELS, type ErrorLevel, type ErrorRecord } from '../domain/error-record.ts';
import type { Store } from '../domain/store.ts';

export const ERRORS_TABLE = 'errors';

export async function appendError(store: Store, record: ErrorRecord): Promise<void> {
  await store.table<ErrorRecord>(ERRORS_TABLE).put(record.id, record);
}

export interface ErrorFilter {
  /** Only errors logged at or after this epoch ms. */
  readonly sinceTs?: number;
  /** Only this level and worse. */
  readonly minLevel?: ErrorLevel;
  readonly unresolvedOnly?: boolean;
}

const rank = (level: ErrorLevel): number => ERROR_LEVELS.indexOf(level);

/** Matching errors, oldest first. */
export function listErrors(store: Store, filter: ErrorFilter = {}): ErrorRecord[] {
  const min = rank(filter.minLevel ?? 'warning');
  const since = filter.sinceTs ?? 0;
  return store
    .table<ErrorRecord>(ERRORS_TABLE)
    .entries()
    .map(([, r]) => r)
    .filter(
      (r) =>
        r.ts >= since && rank(r.level) >= min && !(filter.unresolvedOnly === true && r.resolved),
    );
}

export type ResolveOutcome = 'resolved' | 'already-resolved' | 'not-found';

/** Marks one error resolved by `by` at `ts`; resolving twice keeps the first resolution. */
export async function resolveError(
  store: Store,
  id: string,
  by: string,
  ts: number,
): Promise<ResolveOutcome> {
  const table = store.table<ErrorRecord>(ERRORS_TABLE);
  const record = table.get(id);
  if (record === undefined) return 'not-found';
  if (record.resolved) return 'already-resolved';
  await table.put(id, { ...record, resolved: true, resolvedAt: ts, resolvedBy: by });
  return 'resolved';
}
