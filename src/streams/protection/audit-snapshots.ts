/** @module The coverage audit's REST snapshots: one per trigger (start, reconnect, interval, request), never two at once, none lost. */
import { EMPTY, Observable, catchError, tap } from 'rxjs';
import type { Snapshot } from '../../domain/holdings/daemon-inputs.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
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
  return new Observable<Snapshot>((subscriber) => {
    let state: HoldingsState | null = null;
    const watch = options.states$.subscribe((s) => {
      state = s;
    });
    const known = (): Set<string> => new Set(state === null ? [] : state.holdings.keys());
    const sub = triggers$
      .pipe(
        exhaustMapLatest((reason) =>
          fetchSnapshot(options.broker, {
            known: known(),
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
      )
      .subscribe(subscriber);
    return () => {
      watch.unsubscribe();
      sub.unsubscribe();
    };
  });
}
