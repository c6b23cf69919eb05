/** @module The coverage audit's REST snapshots: one per trigger (start, reconnect, interval, request), never two at once, none lost. */
import { EMPTY, catchError, tap, type Observable } from 'rxjs';
import type { Snapshot } from '../../domain/holdings/daemon-inputs.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import { usingLatest } from '../../operators/using-latest.ts';
import { exhaustMapLatest } from '../../operators/exhaust-map-latest.ts';
import { fetchSnapshot } from './fetch-snapshot.ts';

export interface AuditSnapshotsOptions {
  readonly broker: Broker;
  readonly log: Logger;
  /** The holdings as the fold leaves them (symbols known need no order history); the latest is read at each snapshot. */
  readonly states$: Observable<HoldingsState>;
  readonly now: () => number;
  /** How far back closed orders are read to date a position the daemon did not know. */
  readonly lookbackMs: number;
}

export function auditSnapshots(
  triggers$: Observable<string>,
  options: AuditSnapshotsOptions,
): Observable<Snapshot> {
  return triggers$.pipe(
    usingLatest<HoldingsState | null, string, Snapshot>(options.states$, null, (state) =>
      exhaustMapLatest((reason) =>
        fetchSnapshot(options.broker, {
          known: new Set(state()?.holdings.keys() ?? []),
          tsRequested: options.now(),
          lookbackMs: options.lookbackMs,
        }).pipe(
          tap(() => {
            options.log.debug({ reason }, 'audit snapshot taken');
          }),
          catchError((e: unknown) => {
            options.log.warn(
              { reason, err: e instanceof Error ? e.message : String(e) },
              'audit snapshot failed: will try at the next trigger',
            );
            return EMPTY;
          }),
        ),
      ),
    ),
  );
}
