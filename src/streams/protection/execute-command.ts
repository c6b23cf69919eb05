/**
 * @module Runs the daemon's broker commands and turns every outcome into an input for the reducer. No submission
 * is ever repeated: a refused client id is looked up, an unclear POST becomes SubmitUnknown, which the reducer
 * resolves by client order id on its own timer (`unknownTimeoutMs`). Errors are caught per command; the stream
 * never dies of one.
 */
import {
  EMPTY,
  catchError,
  defer,
  from,
  map,
  of,
  switchMap,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { BrokerError, isBrokerError } from '../../domain/broker-error.ts';
import { isDuplicateClientOrderIdMessage } from '../../domain/ids/client-order-ids.ts';
import type { CommandOutcome, DaemonCommand, Submit } from '../../domain/holdings/daemon-inputs.ts';
import { isTerminalStatus } from '../../domain/orders.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';
import { wallNow } from '../../domain/time/wall-clock.ts';

export interface ExecutorOptions {
  readonly unknownTimeoutMs: number;
  readonly log: Logger;
  readonly scheduler?: SchedulerLike;
}

const asBrokerError = (e: unknown): BrokerError =>
  isBrokerError(e) ? e : new BrokerError('bug', e instanceof Error ? e.message : String(e));

export function commandExecutor(
  broker: Broker,
  options: ExecutorOptions,
): (command: DaemonCommand) => Observable<CommandOutcome> {
  const { log } = options;
  const later = (): Observable<number> => timer(options.unknownTimeoutMs, options.scheduler);
  const reads = <T>(call: () => Promise<T>): Observable<T> =>
    defer(call).pipe(retryWithBackoff({ count: 2 }));

  const resolve = (symbol: string, clientOrderId: string): Observable<CommandOutcome> =>
    reads(() => broker.getOrderByClientId(clientOrderId)).pipe(
      map((report): CommandOutcome => ({
        kind: 'SubmitResolved',
        symbol,
        clientOrderId,
        report: report ?? null,
      })),
      catchError((e: unknown) => {
        // The timer asks again: an unknown order stays unknown, never assumed absent.
        log.warn(
          { symbol, clientOrderId, err: asBrokerError(e).message },
          'order still unclear: resolution failed',
        );
        return EMPTY;
      }),
    );

  const unclear = (command: Submit, error: string): Observable<CommandOutcome> =>
    of<CommandOutcome>({ kind: 'SubmitUnknown', command, error });

  // The broker already holds this client id: our earlier attempt went through, or an older order finished with it.
  const lookup = (command: Submit, tsSent: number): Observable<CommandOutcome> =>
    reads(() => broker.getOrderByClientId(command.order.clientOrderId)).pipe(
      map((report): CommandOutcome => {
        if (report === undefined)
          return {
            kind: 'SubmitRejected',
            command,
            error: 'client_order_id reported taken but not found',
            errorKind: 'bug',
            retryAfterMs: null,
          };
        if (isTerminalStatus(report.status)) return { kind: 'SubmitDuplicate', command, report };
        return { kind: 'SubmitAcked', command, report, tsSent, tsAck: wallNow(), adopted: true };
      }),
      catchError((e: unknown) => unclear(command, asBrokerError(e).message)),
    );

  const submit = (command: Submit): Observable<CommandOutcome> => {
    let tsSent = 0;
    return defer(() => {
      tsSent = wallNow();
      return from(broker.submitOrder(command.order));
    }).pipe(
      map((report): CommandOutcome => ({
        kind: 'SubmitAcked',
        command,
        report,
        tsSent,
        tsAck: wallNow(),
        adopted: false,
      })),
      catchError((e: unknown) => {
        const err = asBrokerError(e);
        if (err.kind === 'rejected' && isDuplicateClientOrderIdMessage(err.message))
          return lookup(command, tsSent);
        if (err.kind === 'ambiguous' || err.kind === 'transient')
          return unclear(command, err.message);
        return of<CommandOutcome>({
          kind: 'SubmitRejected',
          command,
          error: err.message,
          errorKind: err.kind,
          retryAfterMs: err.retryAfterMs ?? null,
        });
      }),
    );
  };

  const fetchOrder = (symbol: string, orderId: string): Observable<CommandOutcome> =>
    reads(() => broker.getOrder(orderId)).pipe(
      map((report): CommandOutcome => ({ kind: 'OrderFetched', symbol, report })),
      catchError((e: unknown) => {
        log.warn(
          { symbol, orderId, err: asBrokerError(e).message },
          'order could not be read back',
        );
        return EMPTY;
      }),
    );

  // A 204 means "cancel requested": the canceled event confirms it, and a read after the timeout backs it up.
  const cancel = (symbol: string, orderId: string): Observable<CommandOutcome> =>
    defer(() => broker.cancelOrder(orderId)).pipe(
      switchMap(() => later().pipe(switchMap(() => fetchOrder(symbol, orderId)))),
      catchError((e: unknown) => {
        log.warn(
          { symbol, orderId, err: asBrokerError(e).message },
          'cancel refused or unclear: reading the order',
        );
        return fetchOrder(symbol, orderId);
      }),
    );

  const sweep = (symbol: string): Observable<CommandOutcome> =>
    reads(() =>
      broker.listOrders({ status: 'open', symbols: [symbol], nested: true, urgent: true }),
    ).pipe(
      map((orders): CommandOutcome => ({ kind: 'OpenOrdersSwept', symbol, orders })),
      catchError((e: unknown) => {
        log.warn(
          { symbol, err: asBrokerError(e).message },
          'open orders could not be listed: cancelling the tracked ones only',
        );
        return of<CommandOutcome>({ kind: 'OpenOrdersSwept', symbol, orders: null });
      }),
    );

  return (command) => {
    switch (command.kind) {
      case 'Submit':
        return submit(command);
      case 'Cancel':
        return cancel(command.symbol, command.orderId);
      case 'Resolve':
        return resolve(command.symbol, command.clientOrderId);
      case 'Sweep':
        return sweep(command.symbol);
      case 'RequestAudit':
        return EMPTY;
    }
  };
}
