/**
 * @module The protection core's fold and outputs: each input, enveloped with the daemon's clock and the halt,
 * folded into the holdings by planHoldings (the one place the holdings live); each step's commands sent first,
 * its outcomes fed back; then, once the orders on the wire are answered, the bookkeeping (held symbols, exit
 * tracks, LMDB, journal) and the step's events.
 */
import {
  Observable,
  connect,
  filter,
  map,
  merge,
  mergeMap,
  observeOn,
  of,
  share,
  withLatestFrom,
} from 'rxjs';
import type { DaemonInput, Envelope } from '../../domain/holdings/daemon-inputs.ts';
import type { DaemonEvent } from '../../domain/holdings/daemon-events.ts';
import type { HoldingsOptions, HoldingsState } from '../../domain/holdings/draft.ts';
import type { HoldingsStep } from '../../domain/holdings/reducer.ts';
import type { Logger } from '../../domain/ports.ts';
import { holdWhile } from '../../operators/hold-while.ts';
import { isFed } from '../../operators/feedback-loop.ts';
import { planHoldings } from '../../operators/plan-holdings.ts';
import type { Deps } from '../deps.ts';
import { fed, submittingOf, type CoreAction, type CoreFed } from './core-actions.ts';
import { whileSubmitting } from './core-feeds.ts';
import { commandExecutor } from './execute-command.ts';
import { heldSymbols, holdsExactly } from './holdings-options.ts';
import { immediateScheduler } from './immediate-scheduler.ts';
import { journalSink } from './journal-sink.ts';
import { persistHoldings } from './persist-holdings.ts';

/** The longest a step's bookkeeping waits for orders on the wire to be answered. */
const BOOKKEEPING_HOLD_MS = 250;

export interface CoreContext {
  readonly deps: Deps;
  readonly log: Logger;
  readonly hopts: HoldingsOptions;
  readonly initial: HoldingsState;
  readonly actions$: Observable<CoreAction>;
  readonly handsOff$: Observable<boolean>;
}

/** Fed actions of a step's bookkeeping: the held symbols when they changed, and each exit track (no allocation otherwise). */
function bookkeepingFeeds(
  initial: HoldingsState,
): (steps$: Observable<HoldingsStep>) => Observable<CoreFed> {
  return (steps$) =>
    new Observable<CoreFed>((subscriber) => {
      let held: ReadonlySet<string> = new Set(heldSymbols(initial));
      return steps$.subscribe({
        next: (s) => {
          if (!holdsExactly(s.state, held)) {
            const symbols = heldSymbols(s.state);
            held = new Set(symbols);
            subscriber.next(fed({ kind: 'Held', symbols }));
          }
          for (const e of s.events)
            if (e.kind === 'ExitTrack') subscriber.next(fed({ kind: 'Track', track: e }));
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
        complete: () => {
          subscriber.complete();
        },
      });
    });
}

export function protectionCore(
  ctx: CoreContext,
): (inputs$: Observable<DaemonInput | CoreFed>) => Observable<DaemonEvent | CoreFed> {
  const { deps, log, hopts, initial } = ctx;
  const execute = commandExecutor(deps.broker, {
    unknownTimeoutMs: deps.config.protection.unknown_order_timeout_ms,
    log,
  });
  const envelope = ([input, handsOff]: [DaemonInput, boolean]): Envelope => ({
    input,
    now: deps.clock.now(),
    halted: handsOff || deps.killSwitch.isHalted(),
  });
  return (inputs$) =>
    inputs$.pipe(
      connect((all$) =>
        merge(
          // Actions met on the way in (clock asks, refused frames, audit requests) go straight back to the loop.
          all$.pipe(filter((v): v is CoreFed => isFed(v))),
          all$.pipe(
            filter((v): v is DaemonInput => !isFed(v)),
            withLatestFrom(ctx.handsOff$),
            map(envelope),
            planHoldings(hopts, initial),
            connect((steps$: Observable<HoldingsStep>) => {
              // Commands first: the protective POST leaves before bookkeeping of the same step.
              const commands$ = steps$.pipe(
                mergeMap((s) => s.commands),
                mergeMap((c): Observable<CoreFed> => {
                  if (c.kind === 'Submit') return whileSubmitting(execute(c));
                  if (c.kind === 'RequestAudit')
                    return of(fed({ kind: 'AuditRequest', reason: c.reason }));
                  return execute(c).pipe(map((outcome) => fed({ kind: 'Outcome', outcome })));
                }),
              );
              const current$ = steps$.pipe(map((s) => fed({ kind: 'Stepped', state: s.state })));
              // The rest waits until the orders on the wire are answered (at most BOOKKEEPING_HOLD_MS), then for the
              // check phase: the POST is written, and its answer finds the thread free (see immediate-scheduler.ts).
              const later$ = steps$.pipe(
                holdWhile(submittingOf(ctx.actions$), { maxHoldMs: BOOKKEEPING_HOLD_MS }),
                observeOn(immediateScheduler),
                share(),
              );
              const bookkeeping$ = later$.pipe(
                connect((s$) =>
                  merge(
                    bookkeepingFeeds(initial)(s$),
                    s$.pipe(
                      map((s) => s.state),
                      persistHoldings(deps.store, log, initial),
                    ),
                  ),
                ),
              );
              const events$ = later$.pipe(
                mergeMap((s) => s.events),
                share(),
              );
              return merge(
                commands$,
                current$,
                bookkeeping$,
                events$.pipe(journalSink(deps)),
                events$,
              );
            }),
          ),
        ),
      ),
    );
}
