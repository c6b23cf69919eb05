/** @module Connectivity safety mode (seed 000 SOP): feed up/down events in, safety mode transitions out. */
import {
  EMPTY,
  asyncScheduler,
  concat,
  connect,
  defer,
  distinctUntilChanged,
  filter,
  from,
  groupBy,
  map,
  merge,
  mergeMap,
  scan,
  startWith,
  switchMap,
  timer,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { FeedDown, FeedEvent } from '../domain/events.ts';

export type FeedName = FeedEvent['feed'];

/** A feed stayed down longer than the grace period: trading is unsafe. */
export interface SafetyModeEnter {
  readonly kind: 'SafetyModeEnter';
  readonly feed: FeedName;
  readonly reason: string;
  /** When the feed went down (the FeedDown's tsEvent). */
  readonly tsDown: number;
}

/** Every feed has been up, without a drop, for the stable period. */
export interface SafetyModeExit {
  readonly kind: 'SafetyModeExit';
}

export type SafetyTransition = SafetyModeEnter | SafetyModeExit;

export interface SafetyModeOptions {
  /** A feed down longer than this enters safety mode. */
  readonly graceMs: number;
  /** Safety mode ends once every feed has been up this long; a new drop restarts the window. */
  readonly stableMs: number;
  /** Start in safety mode (a restart while the store says safety was active). */
  readonly startInSafety?: boolean;
  /** Feeds counted as down from the subscription until they report up (after a restart in safety mode). */
  readonly initiallyDown?: readonly FeedName[];
  readonly scheduler?: SchedulerLike;
}

interface Stable {
  readonly kind: 'Stable';
}
type Signal = SafetyModeEnter | Stable;

/** Emits `true` whenever every feed seen so far is up, `false` once one is down; starts as up. */
const allUp = (): OperatorFunction<FeedEvent, boolean> => (source) =>
  source.pipe(
    scan((down: ReadonlySet<FeedName>, e) => {
      const next = new Set(down);
      if (e.kind === 'FeedDown') next.add(e.feed);
      else next.delete(e.feed);
      return next;
    }, new Set<FeedName>()),
    map((down) => down.size === 0),
    startWith(true),
    distinctUntilChanged(),
  );

/** Per feed: a grace timer started by the first FeedDown and cancelled by its FeedResynced. */
const graceExpiries =
  (graceMs: number, scheduler: SchedulerLike): OperatorFunction<FeedEvent, SafetyModeEnter> =>
  (source) =>
    source.pipe(
      groupBy((e) => e.feed),
      mergeMap((feed$) =>
        feed$.pipe(
          // Repeated FeedDowns while reconnecting must not restart the grace timer.
          distinctUntilChanged((a, b) => a.kind === b.kind),
          switchMap((e) =>
            e.kind === 'FeedDown' ? timer(graceMs, scheduler).pipe(map(() => enter(e))) : EMPTY,
          ),
        ),
      ),
    );

const enter = (e: FeedDown): SafetyModeEnter => ({
  kind: 'SafetyModeEnter',
  feed: e.feed,
  reason: e.reason,
  tsDown: e.tsEvent,
});

/**
 * Turns feed connectivity into safety mode transitions. Enters when one feed stays down longer than
 * `graceMs`; exits only after every feed has been up, with no new drop, for `stableMs`. Emits only
 * transitions (never two enters or two exits in a row). Time comes from the scheduler, so marbles drive it.
 *
 * @example
 * feedEvents$.pipe(safetyMode({ graceMs: 30_000, stableMs: 60_000 })).subscribe(onTransition);
 */
export function safetyMode(
  options: SafetyModeOptions,
): OperatorFunction<FeedEvent, SafetyTransition> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const notYetUp = (feed: FeedName): FeedDown => ({
    kind: 'FeedDown',
    feed,
    tsEvent: scheduler.now(),
    reason: 'not connected since start',
  });
  return (source) =>
    defer(() => concat(from((options.initiallyDown ?? []).map(notYetUp)), source)).pipe(
      // connect: both branches subscribe before the first event flows, even from a synchronous source.
      connect((events$) =>
        merge(
          events$.pipe(graceExpiries(options.graceMs, scheduler)),
          events$.pipe(
            allUp(),
            switchMap((up) =>
              up
                ? timer(options.stableMs, scheduler).pipe(map((): Stable => ({ kind: 'Stable' })))
                : EMPTY,
            ),
          ),
        ),
      ),
      scan(
        (state: { inSafety: boolean; out: SafetyTransition | null }, signal: Signal) => {
          if (signal.kind === 'SafetyModeEnter')
            return state.inSafety ? { inSafety: true, out: null } : { inSafety: true, out: signal };
          return state.inSafety
            ? { inSafety: false, out: { kind: 'SafetyModeExit' } as const }
            : { inSafety: false, out: null };
        },
        { inSafety: options.startInSafety ?? false, out: null },
      ),
      map((state) => state.out),
      filter((t): t is SafetyTransition => t !== null),
    );
}
