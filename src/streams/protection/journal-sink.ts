/** @module Writes down what the daemon does: journal entries in order, alerts, structured events and log lines. */
import {
  EMPTY,
  catchError,
  concatMap,
  defer,
  filter,
  from,
  ignoreElements,
  map,
  merge,
  mergeMap,
  share,
  tap,
  type Observable,
} from 'rxjs';
import { alertOf, journalEntryOf } from '../../domain/holdings/daemon-journal.ts';
import type { DaemonEvent } from '../../domain/holdings/daemon-events.ts';
import type { Logger } from '../../domain/ports.ts';
import type { Deps } from '../deps.ts';

const EVENT_TYPES: Partial<Record<DaemonEvent['kind'], string>> = {
  FillReceived: 'ORDER_FILLED',
  ProtectionPlaced: 'PROTECTION_PLACED',
  ProtectionFailed: 'PROTECTION_FAILED',
  ProtectionCancelling: 'ORDER_CANCELED',
  SoftExitStarted: 'SOFT_EXIT',
  ExitSubmitted: 'ORDER_SUBMITTED',
  ExitRejected: 'ORDER_REJECTED',
  AuditCompleted: 'RECONCILIATION_CHECK',
  HaltChanged: 'KILL_SWITCH_TRIGGERED',
};

const QUIET: ReadonlySet<DaemonEvent['kind']> = new Set([
  'ExitTrack',
  'SessionChanged',
  'OrderResolved',
  'AuditCompleted',
  'PositionClosed',
]);
const LOUD: ReadonlySet<DaemonEvent['kind']> = new Set(['ProtectionFailed', 'ExitRejected']);

function logEvent(log: Logger, e: DaemonEvent): void {
  const { kind, ...fields } = e;
  const message = kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (e.kind === 'ProtectionFailed' && e.deferred) log.info(fields, message);
  else if (LOUD.has(kind)) log.error(fields, message);
  else if (QUIET.has(kind)) log.debug(fields, message);
  else log.info(fields, message);
}

/** Side effects only: the events pass through unchanged; failures are logged, never propagated. */
export function journalSink(deps: Deps): (events$: Observable<DaemonEvent>) => Observable<never> {
  const log = deps.log.child({ component: 'stream' });
  return (events$) =>
    defer(() => {
      const shared$ = events$.pipe(
        tap((e) => {
          logEvent(log, e);
          const type = EVENT_TYPES[e.kind];
          if (type !== undefined)
            deps.events.emit(
              type,
              Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'kind')),
            );
        }),
        share(),
      );
      const journal$ = shared$.pipe(
        map((e) => journalEntryOf(e, deps.clock.now())),
        filter((entry) => entry !== null),
        concatMap((entry) =>
          from(deps.store.journal.append(entry)).pipe(
            catchError((e: unknown) => {
              log.error(
                { err: e instanceof Error ? e.message : String(e), action: entry.action },
                'journal entry could not be written',
              );
              return EMPTY;
            }),
          ),
        ),
      );
      const alerts$ = shared$.pipe(
        map(alertOf),
        filter((a) => a !== null),
        mergeMap((a) => from(deps.mailer.alert(a)).pipe(catchError(() => EMPTY))),
      );
      return merge(journal$, alerts$).pipe(ignoreElements());
    });
}
