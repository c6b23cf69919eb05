/**
 * @module The protection core's fed-back actions: what the core's outputs tell its own inputs, through the one
 * feedback loop (operators/feedback-loop.ts), and the streams derived from them.
 */
import { distinctUntilChanged, map, scan, startWith, type Observable } from 'rxjs';
import type { BadFrame, MarketTrade } from '../../domain/events.ts';
import type { CommandOutcome } from '../../domain/holdings/daemon-inputs.ts';
import type { ExitTrack } from '../../domain/holdings/daemon-events.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import { feed, ofKind, type Fed } from '../../operators/feedback-loop.ts';

export type CoreAction =
  /** A broker command's outcome, for the reducer. */
  | { readonly kind: 'Outcome'; readonly outcome: CommandOutcome }
  /** A holding's exit state changed: the exit evaluator follows it. */
  | { readonly kind: 'Track'; readonly track: ExitTrack }
  /** A stale symbol's price read over REST, for the exit evaluator. */
  | { readonly kind: 'RestPrice'; readonly trade: MarketTrade }
  /** An extra coverage audit (a command of the reducer, a malformed trade update). */
  | { readonly kind: 'AuditRequest'; readonly reason: string }
  /** A clock sync: `boundary` past the last report's session boundary, `ahead` for a frame ahead of the clock. */
  | { readonly kind: 'ClockAsk'; readonly why: 'boundary' | 'ahead' }
  /** A frame the clock gate gave up on. */
  | { readonly kind: 'Refused'; readonly frame: BadFrame }
  /** The fold's new holdings, at each step. */
  | { readonly kind: 'Stepped'; readonly state: HoldingsState }
  /** The held symbols after a step's bookkeeping, when they changed. */
  | { readonly kind: 'Held'; readonly symbols: readonly string[] }
  /** An order sent (+1) or answered (-1): the bookkeeping waits while any is on the wire. */
  | { readonly kind: 'Submitting'; readonly delta: 1 | -1 };

export type CoreFed = Fed<CoreAction>;

export const fed = (action: CoreAction): CoreFed => feed(action);

/** The holdings as the fold last left them (the initial ones until the first step). */
export const statesOf = (
  actions$: Observable<CoreAction>,
  initial: HoldingsState,
): Observable<HoldingsState> =>
  actions$.pipe(
    ofKind('Stepped'),
    map((a) => a.state),
    startWith(initial),
  );

/** The held symbols as the bookkeeping last published them. */
export const heldOf = (
  actions$: Observable<CoreAction>,
  initial: readonly string[],
): Observable<readonly string[]> =>
  actions$.pipe(
    ofKind('Held'),
    map((a) => a.symbols),
    startWith(initial),
  );

/** True while an order sent is not yet answered. */
export const submittingOf = (actions$: Observable<CoreAction>): Observable<boolean> =>
  actions$.pipe(
    ofKind('Submitting'),
    scan((open, a) => open + a.delta, 0),
    startWith(0),
    map((open) => open > 0),
    distinctUntilChanged(),
  );
