/** @module The REST picture the audit and startup reconcile with: positions, open orders, and for positions the daemon does not know, their recent orders. */
import { defer, type Observable } from 'rxjs';
import type { Snapshot } from '../../domain/holdings/daemon-inputs.ts';
import type { Broker } from '../../domain/ports.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';

export interface SnapshotRequest {
  /** Symbols the daemon already holds state for (no need for their history). */
  readonly known: ReadonlySet<string>;
  /** Daemon clock when requested: events applied later win over the snapshot. */
  readonly tsRequested: number;
  /** How far back closed orders are read to date an unknown position's entry. */
  readonly lookbackMs: number;
}

export function fetchSnapshot(broker: Broker, request: SnapshotRequest): Observable<Snapshot> {
  return defer(async (): Promise<Snapshot> => {
    const [positions, openOrders] = await Promise.all([
      broker.listPositions(),
      broker.listOrders({ status: 'open', nested: true, limit: 500 }),
    ]);
    const unknown = positions
      .filter((p) => p.qty > 0 && !request.known.has(p.symbol))
      .map((p) => p.symbol);
    const recentOrders =
      unknown.length === 0
        ? []
        : await broker.listOrders({
            status: 'closed',
            symbols: unknown,
            after: request.tsRequested - request.lookbackMs,
            limit: 500,
            nested: true,
          });
    return {
      kind: 'Snapshot',
      positions,
      openOrders,
      recentOrders,
      tsRequested: request.tsRequested,
    };
  }).pipe(retryWithBackoff({ count: 2 }));
}
