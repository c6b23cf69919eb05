/** @module Drops trade updates about orders already seen in a terminal state (replays, late duplicates). */
import { defer, filter, type MonoTypeOperatorFunction } from 'rxjs';
import type { OrderReport } from '../domain/orders.ts';
import { isTerminalStatus } from '../domain/orders.ts';

export interface IgnoreTerminalOrdersOptions {
  /** How many finished order ids are remembered. */
  readonly window?: number;
}

interface MaybeUpdate {
  readonly kind: string;
  readonly order?: OrderReport;
}

/**
 * Once an update says an order is filled, canceled, expired, replaced or rejected, later updates of that order
 * (a replayed `new` after its `fill`) are dropped so that they cannot revive it. Other events pass.
 *
 * @example tradeUpdates$.pipe(dedupeFills(), ignoreTerminalOrders())
 */
export function ignoreTerminalOrders<T extends MaybeUpdate>(
  options: IgnoreTerminalOrdersOptions = {},
): MonoTypeOperatorFunction<T> {
  const size = options.window ?? 10_000;
  return (source) =>
    defer(() => {
      const finished = new Set<string>();
      const order: string[] = [];
      return source.pipe(
        filter((e) => {
          if (e.kind !== 'TradeUpdate' || e.order === undefined) return true;
          const { id, status } = e.order;
          if (finished.has(id)) return false;
          if (isTerminalStatus(status)) {
            finished.add(id);
            order.push(id);
            if (order.length > size) finished.delete(order.shift() ?? '');
          }
          return true;
        }),
      );
    });
}
