/**
 * @module The daemon's watch on its credentials. Every broker answer says whether the key is still accepted; a
 * refusal, confirmed by GET /v2/account, ends the daemon with that error (the process exits 1 and its supervisor
 * restarts it), and a broker that has not accepted anything for `checkMs` is asked, so a key revoked while the
 * daemon runs is found even when nothing else calls the broker. Without this, the REST reads that swallow their
 * errors (clock sync, audits) kept a refused daemon alive, idle and silent.
 */
import {
  EMPTY,
  Subject,
  catchError,
  defer,
  exhaustMap,
  filter,
  first,
  ignoreElements,
  map,
  merge,
  mergeMap,
  of,
  startWith,
  switchMap,
  take,
  throwError,
  timer,
  type Observable,
} from 'rxjs';
import { isCredentialsRefused, type BrokerError } from '../../domain/broker-error.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';

/** The broker accepted the credentials (the first accepted answer of this run). */
export interface CredentialsAccepted {
  readonly kind: 'CredentialsAccepted';
}

export interface CredentialsGuardOptions {
  /** A broker silent this long (no accepted answer) is asked for the account. */
  readonly checkMs: number;
  readonly log: Logger;
}

export interface CredentialsGuard {
  /** The broker port, unchanged, with every answer seen by the guard. */
  readonly broker: Broker;
  /** CredentialsAccepted once; errors with the broker's refusal once GET /v2/account confirms it. */
  readonly watch$: Observable<CredentialsAccepted>;
}

type Answer = 'accepted' | BrokerError;

function observedBroker(broker: Broker, answers$: Subject<Answer>): Broker {
  const seen = <T>(call: () => Promise<T>): Promise<T> =>
    call().then(
      (value) => {
        answers$.next('accepted');
        return value;
      },
      (e: unknown) => {
        if (isCredentialsRefused(e)) answers$.next(e);
        throw e;
      },
    );
  return {
    getAccount: () => seen(() => broker.getAccount()),
    getClock: () => seen(() => broker.getClock()),
    getCalendar: (start, end) => seen(() => broker.getCalendar(start, end)),
    getAsset: (symbol) => seen(() => broker.getAsset(symbol)),
    listPositions: () => seen(() => broker.listPositions()),
    listOrders: (query) => seen(() => broker.listOrders(query)),
    getOrder: (id) => seen(() => broker.getOrder(id)),
    getOrderByClientId: (id) => seen(() => broker.getOrderByClientId(id)),
    submitOrder: (command) => seen(() => broker.submitOrder(command)),
    cancelOrder: (id) => seen(() => broker.cancelOrder(id)),
    cancelAllOrders: () => seen(() => broker.cancelAllOrders()),
    closePosition: (symbol) => seen(() => broker.closePosition(symbol)),
    closeAllPositions: () => seen(() => broker.closeAllPositions()),
    getBars: (symbols, timeframe, tsStart, tsEnd, adjustment) =>
      seen(() => broker.getBars(symbols, timeframe, tsStart, tsEnd, adjustment)),
    getLatestPrices: (symbols) => seen(() => broker.getLatestPrices(symbols)),
    listFills: (query) => seen(() => broker.listFills(query)),
    getPortfolioHistory: (query) => seen(() => broker.getPortfolioHistory(query)),
  };
}

/**
 * Wraps the daemon's broker. One refused answer is not trusted alone (Alpaca has answered 40110000 on one
 * endpoint for a while with valid keys, alpacahq/Alpaca-API#118): the account is read again, and only a second
 * refusal ends the daemon; an accepted read logs the odd answer and goes on.
 */
export function credentialsGuard(
  broker: Broker,
  options: CredentialsGuardOptions,
): CredentialsGuard {
  const answers$ = new Subject<Answer>();
  const observed = observedBroker(broker, answers$);
  const accepted$ = answers$.pipe(filter((a): a is 'accepted' => a === 'accepted'));

  const confirm = (refusal: BrokerError): Observable<BrokerError> =>
    defer(() => broker.getAccount()).pipe(
      retryWithBackoff({ count: 3 }),
      mergeMap(() => {
        options.log.warn(
          { err: refusal.message },
          'a request was refused as unauthorized, yet the account reads: going on',
        );
        return EMPTY;
      }),
      catchError((e: unknown) => (isCredentialsRefused(e) ? of(e) : EMPTY)),
    );
  const refused$ = answers$.pipe(
    filter(isCredentialsRefused),
    exhaustMap(confirm),
    first(),
    mergeMap((e) => throwError(() => e)),
  );
  // Every accepted answer restarts the wait; the probe's own answer goes through the guard like any other.
  const probes$ = accepted$.pipe(
    startWith(null),
    switchMap(() => timer(options.checkMs, options.checkMs)),
    exhaustMap(() => defer(() => observed.getAccount()).pipe(catchError(() => EMPTY))),
    ignoreElements(),
  );
  const firstAccepted$ = accepted$.pipe(
    take(1),
    map((): CredentialsAccepted => ({ kind: 'CredentialsAccepted' })),
  );
  return { broker: observed, watch$: merge(refused$, firstAccepted$, probes$) };
}
