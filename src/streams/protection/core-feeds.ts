/**
 * @module The protection core's operators that speak through the feedback loop: they emit fed actions in place,
 * in the stream they watch, where the old core called a Subject's `next` from a tap.
 */
import { Observable, defer, type MonoTypeOperatorFunction, type OperatorFunction } from 'rxjs';
import type { ClockReport } from '../../domain/account.ts';
import type { BadFrame, MarketTrade, TradeUpdate } from '../../domain/events.ts';
import type { CommandOutcome } from '../../domain/holdings/daemon-inputs.ts';
import { clockReportExpired } from '../../domain/time/market-session.ts';
import { failWhenStale, type FailWhenStaleOptions } from '../../operators/fail-when-stale.ts';
import { gateOnClock } from '../../operators/gate-on-clock.ts';
import { usingLatest } from '../../operators/using-latest.ts';
import { fed, type CoreFed } from './core-actions.ts';

const ASK_AT_BOUNDARY = fed({ kind: 'ClockAsk', why: 'boundary' });
const ASK_AHEAD = fed({ kind: 'ClockAsk', why: 'ahead' });
const SENT = fed({ kind: 'Submitting', delta: 1 });
const ANSWERED = fed({ kind: 'Submitting', delta: -1 });

/** Each value goes after a clock sync ask when the daemon's time is past the last report's session boundary. */
export function askAtBoundary<T>(
  reports$: Observable<ClockReport>,
  now: () => number,
): OperatorFunction<T, T | CoreFed> {
  return usingLatest<ClockReport | null, T, T | CoreFed>(
    reports$,
    null,
    (last) => (source) =>
      new Observable<T | CoreFed>((subscriber) =>
        source.subscribe({
          next: (v) => {
            const report = last();
            if (report !== null && clockReportExpired(report, now()))
              subscriber.next(ASK_AT_BOUNDARY);
            subscriber.next(v);
          },
          error: (e: unknown) => {
            subscriber.error(e);
          },
          complete: () => {
            subscriber.complete();
          },
        }),
      ),
  );
}

export interface ClockGate {
  readonly feed: BadFrame['feed'];
  readonly observe: (tsEvent: number) => boolean;
  readonly synced$: Observable<unknown>;
  readonly maxHoldMs: number;
}

/**
 * gateOnClock whose clock asks and refused frames are fed back: an event further ahead than the clock trusts
 * waits for the broker's clock to confirm its time, or is refused.
 */
export function gateFed<T extends TradeUpdate | MarketTrade>(
  gate: ClockGate,
): OperatorFunction<T, T | CoreFed> {
  return (source) =>
    new Observable<T | CoreFed>((subscriber) =>
      source
        .pipe(
          gateOnClock<T>({
            observe: gate.observe,
            askClock: () => {
              subscriber.next(ASK_AHEAD);
            },
            synced$: gate.synced$,
            maxHoldMs: gate.maxHoldMs,
            onRefused: (e) => {
              const frame =
                e.kind === 'TradeUpdate'
                  ? {
                      event: e.event,
                      symbol: e.order.symbol,
                      orderId: e.order.id,
                      clientOrderId: e.order.clientOrderId,
                    }
                  : { symbol: e.symbol };
              const reason = `timestamp ${new Date(e.tsEvent).toISOString()} not confirmed by the broker's clock`;
              subscriber.next(
                fed({
                  kind: 'Refused',
                  frame: { kind: 'BadFrame', feed: gate.feed, reason, frame },
                }),
              );
            },
          }),
        )
        .subscribe(subscriber),
    );
}

/** failWhenStale whose expectation is the latest value of `expected$` (false until it speaks). */
export function failWhenStaleWhile<T>(
  expected$: Observable<boolean>,
  options: Omit<FailWhenStaleOptions, 'expected'>,
): MonoTypeOperatorFunction<T> {
  return usingLatest(expected$, false, (expected) => failWhenStale<T>({ ...options, expected }));
}

/**
 * An order on the wire: `Submitting +1` when sent, `-1` just before its first answer (or its end without one),
 * each outcome fed back to the reducer.
 */
export function whileSubmitting(outcomes$: Observable<CommandOutcome>): Observable<CoreFed> {
  return defer(() => {
    let open = true;
    return new Observable<CoreFed>((subscriber) => {
      const settle = (): void => {
        if (!open) return;
        open = false;
        subscriber.next(ANSWERED);
      };
      subscriber.next(SENT);
      const sub = outcomes$.subscribe({
        next: (outcome) => {
          settle();
          subscriber.next(fed({ kind: 'Outcome', outcome }));
        },
        error: (e: unknown) => {
          settle();
          subscriber.error(e);
        },
        complete: () => {
          settle();
          subscriber.complete();
        },
      });
      return () => {
        sub.unsubscribe();
      };
    });
  });
}
