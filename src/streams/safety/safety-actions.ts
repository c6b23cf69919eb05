/** @module The side effects of safety mode, each isolated so one failure becomes an event and never ends the stream. */
import {
  catchError,
  concat,
  concatMap,
  defer,
  ignoreElements,
  of,
  retry,
  throwError,
  timer,
  type Observable,
} from 'rxjs';
import { isBrokerError } from '../../domain/broker-error.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import type { Logger } from '../../domain/ports.ts';
import {
  describeFlatten,
  flattenAccount,
  type FlattenResult,
} from '../../procedures/flatten-account.ts';
import type { Deps } from '../deps.ts';

export interface SafetyModeEntered {
  readonly kind: 'SafetyModeEntered';
  readonly feed: 'trading' | 'market';
  readonly reason: string;
  readonly tsDown: number;
  readonly tsEntered: number;
  readonly onDisconnect: 'flatten' | 'protect_only';
}
export interface SafetyFlattened {
  readonly kind: 'SafetyFlattened';
  readonly result: FlattenResult;
}
export interface SafetyModeExited {
  readonly kind: 'SafetyModeExited';
  readonly tsExited: number;
  readonly durationMs: number | null;
}
/** One action of safety mode failed; the others went on, and the stream lives. */
export interface SafetyActionFailed {
  readonly kind: 'SafetyActionFailed';
  readonly action: 'record' | 'journal' | 'alert' | 'flatten';
  readonly error: string;
}
export type SafetyEvent =
  SafetyModeEntered | SafetyFlattened | SafetyModeExited | SafetyActionFailed;

/** Flatten attempts when REST fails transiently: again after 1 s, 2 s, 4 s and 8 s. */
const FLATTEN_RETRIES = 4;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const retryable = (e: unknown): boolean =>
  isBrokerError(e) && ['transient', 'rate-limited', 'ambiguous'].includes(e.kind);

export function safetyActions(deps: Deps, log: Logger) {
  const step = (
    action: SafetyActionFailed['action'],
    effect: () => Promise<unknown>,
  ): Observable<SafetyEvent> =>
    defer(effect).pipe(
      ignoreElements(),
      catchError((e: unknown) => {
        log.error({ action, err: message(e) }, 'safety mode action failed');
        return of<SafetyEvent>({ kind: 'SafetyActionFailed', action, error: message(e) });
      }),
    );
  const journal = (
    action: string,
    reason: string,
    data?: Record<string, unknown>,
  ): Observable<SafetyEvent> =>
    step('journal', () =>
      deps.store.journal.append({
        ts: deps.clock.now(),
        actor: 'stream',
        action,
        reason,
        ...(data === undefined ? {} : { data }),
      }),
    );
  const emit = (fields: Record<string, unknown>): Observable<SafetyEvent> =>
    step('record', () => {
      deps.events.emit('SAFETY_MODE', fields);
      return Promise.resolve();
    });
  const alert = (
    severity: 'critical' | 'info',
    short: string,
    text: string,
  ): Observable<SafetyEvent> =>
    step('alert', () => deps.mailer.alert({ severity, short, subject: short, text }));

  /** Cancels every order and closes every position, retrying while REST is unreachable; journals and alerts either way. */
  const flatten = (): Observable<SafetyEvent> =>
    defer(() => flattenAccount(deps.broker)).pipe(
      retry({
        count: FLATTEN_RETRIES,
        delay: (e: unknown, n) =>
          retryable(e) ? timer(1_000 * 2 ** (n - 1)) : throwError(() => e),
      }),
      concatMap((result) => {
        const summary = describeFlatten(result, nyIso);
        log.warn({ result }, 'safety mode flattened the account');
        return concat(
          of<SafetyEvent>({ kind: 'SafetyFlattened', result }),
          journal('safety_flatten', summary, { ...result }),
          alert(
            'critical',
            `SAFETY MODE: ${summary}`,
            `Safety mode flattened the account: ${summary}.`,
          ),
        );
      }),
      catchError((e: unknown) => {
        const reason = `flatten failed, REST unreachable or refused: ${message(e)}`;
        log.error({ err: message(e) }, 'safety mode could not flatten the account');
        return concat(
          of<SafetyEvent>({ kind: 'SafetyActionFailed', action: 'flatten', error: message(e) }),
          journal('safety_flatten_failed', reason),
          alert(
            'critical',
            `SAFETY MODE: could not flatten (${message(e)}); broker-side stops stay in place`,
            reason,
          ),
        );
      }),
    );

  return { step, journal, emit, alert, flatten };
}
