/** @module Keeps the daemon's clock on the broker's: GET /v2/clock at start, every `clock_sync_ms`, and whenever the last answer ran out. */
import { EMPTY, catchError, defer, exhaustMap, merge, tap, timer, type Observable } from 'rxjs';
import type { ClockReport } from '../../domain/account.ts';
import type { SyncedClock } from '../../domain/time/market-session.ts';
import type { Deps } from '../deps.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';

/**
 * Emits each clock report after handing it to the synced clock (when there is one). `resync$` asks for an
 * extra sync, e.g. when the daemon's time passed the report's next close (a session boundary).
 */
export function clockSyncStream(
  deps: Deps,
  clock: SyncedClock | undefined,
  resync$: Observable<unknown>,
): Observable<ClockReport> {
  const log = deps.log.child({ component: 'clock' });
  return merge(timer(0, deps.config.protection.clock_sync_ms), resync$).pipe(
    exhaustMap(() =>
      defer(() => deps.broker.getClock()).pipe(
        retryWithBackoff({ count: 3 }),
        catchError((e: unknown) => {
          log.warn(
            { err: e instanceof Error ? e.message : String(e) },
            'broker clock unreachable: keeping the local estimate',
          );
          return EMPTY;
        }),
      ),
    ),
    tap((report) => {
      clock?.sync(report);
      log.debug({ tsBroker: report.tsNow, isOpen: report.isOpen }, 'clock synced');
    }),
  );
}
