/** @module Drops replayed executions: trade updates whose execution_id was already seen (bounded window). */
import { defer, filter, type MonoTypeOperatorFunction } from 'rxjs';

export interface DedupeFillsOptions {
  /** How many execution ids are remembered (oldest forgotten first). */
  readonly window?: number;
}

interface MaybeExecution {
  readonly kind: string;
  readonly executionId?: string | null;
  readonly event?: string;
}

const executionIdOf = (e: MaybeExecution): string | null =>
  e.kind === 'TradeUpdate' && (e.event === 'fill' || e.event === 'partial_fill')
    ? (e.executionId ?? null)
    : null;

/**
 * Passes every event once per execution: a fill or partial fill whose execution_id is in the window is dropped
 * (Alpaca replays trade updates after reconnects); events without an execution id pass untouched.
 *
 * @example tradeUpdates$.pipe(dedupeFills({ window: 10_000 }))
 */
export function dedupeFills<T extends MaybeExecution>(
  options: DedupeFillsOptions = {},
): MonoTypeOperatorFunction<T> {
  const size = options.window ?? 10_000;
  return (source) =>
    defer(() => {
      // The window belongs to this subscription only.
      const seen = new Set<string>();
      const order: string[] = [];
      return source.pipe(
        filter((e) => {
          const id = executionIdOf(e);
          if (id === null) return true;
          if (seen.has(id)) return false;
          seen.add(id);
          order.push(id);
          if (order.length > size) seen.delete(order.shift() ?? '');
          return true;
        }),
      );
    });
}
