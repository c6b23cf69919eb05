/**
 * @module The protection core's inputs: the trading and market feeds (clock-gated), the broker's clock, the
 * exit evaluator, the coverage audits and the timers, merged into the reducer's input stream. What they need
 * of the core's own outputs (held symbols, holdings, command outcomes, exit tracks) they read from the fed-back
 * actions; what they tell it back (clock asks, refused frames, audit requests) travels in the stream as fed actions.
 */
import {
  EMPTY,
  asapScheduler,
  asyncScheduler,
  combineLatest,
  defer,
  distinctUntilChanged,
  filter,
  interval,
  map,
  merge,
  mergeMap,
  observeOn,
  of,
  share,
  shareReplay,
  startWith,
  switchMap,
  throttleTime,
  timer,
  withLatestFrom,
  type Observable,
} from 'rxjs';
import type { ClockReport } from '../../domain/account.ts';
import type { DaemonInput, SoftExitDue, Tick } from '../../domain/holdings/daemon-inputs.ts';
import type { BadFrame, FeedEvent, MarketTrade, TradeUpdate } from '../../domain/events.ts';
import type { HoldingsOptions, HoldingsState } from '../../domain/holdings/draft.ts';
import { nextWakeAt } from '../../domain/holdings/wake.ts';
import type { Logger } from '../../domain/ports.ts';
import { isSessionOpen, type SyncedClock } from '../../domain/time/market-session.ts';
import { dedupeFills } from '../../operators/dedupe-fills.ts';
import {
  evaluateExits,
  type ExitInput,
  type ExitSignal,
  type PricesStale,
} from '../../operators/evaluate-exits.ts';
import { isFed, ofKind, passFed } from '../../operators/feedback-loop.ts';
import { ignoreTerminalOrders } from '../../operators/ignore-terminal-orders.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';
import { supervise } from '../../operators/supervise.ts';
import type { Deps } from '../deps.ts';
import { auditSnapshots } from './audit-snapshots.ts';
import { clockSyncStream } from './clock-sync.ts';
import { fed, type CoreAction, type CoreFed } from './core-actions.ts';
import { askAtBoundary, failWhenStaleWhile, gateFed } from './core-feeds.ts';
import type { DailyBasisSource } from './daily-basis-source.ts';
import { sameSymbols } from './holdings-options.ts';
import { repriceStale } from './reprice-stale.ts';

const TICK: Tick = { kind: 'Tick' };
const DAY_MS = 86_400_000;
/** Clock resyncs asked by frames ahead of the daemon's time: at most one per this long. */
const AHEAD_RESYNC_MS = 250;
/** How long a frame ahead of the daemon's time waits for the broker's clock to confirm it. */
const CLOCK_GATE_MS = 5_000;
const isUpdate = (e: TradeUpdate | FeedEvent | BadFrame): e is TradeUpdate =>
  e.kind === 'TradeUpdate';
const isTrade = (e: MarketTrade | FeedEvent | BadFrame): e is MarketTrade =>
  e.kind === 'MarketTrade';
const isBadFrame = (e: { kind: string }): e is BadFrame => e.kind === 'BadFrame';
const notStale = (s: ExitSignal | CoreFed): s is Exclude<ExitSignal, PricesStale> | CoreFed =>
  isFed(s) || s.kind !== 'PricesStale';
const notFed = <T>(v: T | CoreFed): v is T => !isFed(v);

export interface CoreInputsContext {
  readonly deps: Deps;
  readonly log: Logger;
  readonly hopts: HoldingsOptions;
  readonly daily: DailyBasisSource;
  readonly clock: SyncedClock | undefined;
  readonly tradeEvents$: Observable<TradeUpdate | FeedEvent | BadFrame> | undefined;
  readonly handsOff$: Observable<boolean> | undefined;
  readonly exitRequests$: Observable<SoftExitDue> | undefined;
  readonly actions$: Observable<CoreAction>;
  /** The holdings as the fold last left them, and the held symbols as the bookkeeping last published them (replayed). */
  readonly states$: Observable<HoldingsState>;
  readonly held$: Observable<readonly string[]>;
}

export interface CoreInputs {
  readonly trading$: Observable<TradeUpdate | FeedEvent | BadFrame>;
  readonly market$: Observable<MarketTrade | FeedEvent | BadFrame>;
  /** Replays the latest report (see protection-stream.ts: the first sync runs before the core subscribes). */
  readonly clockReports$: Observable<ClockReport>;
  /** Inputs for the reducer, with the fed actions met on the way. */
  readonly inputs$: Observable<DaemonInput | CoreFed>;
  /** REST prices of stale symbols, and malformed or refused frames (logged; a trading one asks for an audit). */
  readonly repricing$: Observable<CoreFed>;
  readonly badFrames$: Observable<BadFrame | CoreFed>;
  /** Safety mode's hands-off (replayed): with the kill switch, it halts the core. */
  readonly handsOff$: Observable<boolean>;
}

export function coreInputs(ctx: CoreInputsContext): CoreInputs {
  const { deps, log, hopts, actions$, states$, held$ } = ctx;
  const cfg = deps.config.protection;
  const now = (): number => deps.clock.now();
  const heldChanges$ = held$.pipe(distinctUntilChanged(sameSymbols));
  const asks = (why: 'boundary' | 'ahead'): Observable<unknown> =>
    actions$.pipe(
      ofKind('ClockAsk'),
      filter((a) => a.why === why),
    );
  const clockReports$ = clockSyncStream(
    deps,
    ctx.clock,
    merge(
      asks('boundary').pipe(throttleTime(1_000)),
      asks('ahead').pipe(
        throttleTime(AHEAD_RESYNC_MS, asyncScheduler, { leading: true, trailing: true }),
      ),
    ),
  ).pipe(shareReplay({ bufferSize: 1, refCount: true }));
  const gate = {
    observe: (ts: number) => ctx.clock?.observe(ts) ?? true,
    synced$: defer(() => clockReports$),
    maxHoldMs: CLOCK_GATE_MS,
  };

  const trading$ = (ctx.tradeEvents$ ?? deps.tradeFeed.tradeUpdates$()).pipe(
    supervise({ maxRestarts: 5, windowMs: 60_000, delayMs: 1_000, log, name: 'trading feed' }),
    share({ resetOnError: true, resetOnRefCountZero: true }),
  );
  const updates$ = trading$.pipe(
    filter(isUpdate),
    gateFed<TradeUpdate>({ ...gate, feed: 'trading' }),
    askAtBoundary(clockReports$, now),
    passFed(dedupeFills()),
    passFed(ignoreTerminalOrders()),
  );
  // Silence while symbols are held in an open session is a dead socket: reconnect (the retry path).
  const feedExpected$ = combineLatest([held$, states$]).pipe(
    map(([held, s]) => held.length > 0 && s.sessionOpen),
  );
  const market$ = defer(() => deps.marketFeed.trades$(heldChanges$)).pipe(
    failWhenStaleWhile(feedExpected$, { feed: 'market', staleMs: 2 * cfg.stale_symbol_ms }),
    retryWithBackoff({ baseMs: 1_000, maxMs: 30_000 }),
    supervise({ maxRestarts: 5, windowMs: 60_000, delayMs: 1_000, log, name: 'market feed' }),
    share({ resetOnError: true, resetOnRefCountZero: true }),
  );
  const trades$ = market$.pipe(
    filter(isTrade),
    gateFed<MarketTrade>({ ...gate, feed: 'market' }),
    askAtBoundary(clockReports$, now),
  );
  const ticks$ = interval(cfg.timer_interval_ms).pipe(askAtBoundary(clockReports$, now), share());

  const exitTick = (report: ClockReport): ExitInput => ({
    kind: 'ExitTick',
    now: now(),
    sessionOpen: isSessionOpen(report, now()),
  });
  const exitInputs$: Observable<ExitInput | CoreFed> = merge(
    actions$.pipe(
      ofKind('Track'),
      map((a) => a.track),
      observeOn(asapScheduler),
    ),
    trades$,
    actions$.pipe(
      ofKind('RestPrice'),
      map((a) => a.trade),
      observeOn(asapScheduler),
    ),
    merge(
      ticks$.pipe(
        filter(notFed),
        withLatestFrom(clockReports$),
        map(([, r]) => r),
      ),
      clockReports$,
    ).pipe(map(exitTick)),
    ctx.daily.inputs$(heldChanges$).pipe(observeOn(asapScheduler)),
  );
  const signals$ = exitInputs$.pipe(
    passFed(evaluateExits({ rules: hopts.rules, staleMs: cfg.stale_symbol_ms })),
    share(),
  );
  const repricing$ = repriceStale(deps.broker, signals$.pipe(filter(notFed)), log).pipe(
    map((trade) => fed({ kind: 'RestPrice', trade })),
  );

  const auditTriggers$ = merge(
    of('start'),
    trading$.pipe(
      filter((e) => e.kind === 'FeedResynced'),
      map(() => 'trading stream (re)connected'),
    ),
    interval(cfg.audit_interval_ms).pipe(map(() => 'interval')),
    actions$.pipe(
      ofKind('AuditRequest'),
      map((a) => a.reason),
    ),
  );
  const snapshots$ = auditSnapshots(auditTriggers$, {
    broker: deps.broker,
    log,
    states$,
    now,
    lookbackMs: (hopts.rules.timeStopDays + 1) * DAY_MS,
  });
  const handsOff$ = (ctx.handsOff$ ?? EMPTY).pipe(
    startWith(false),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  // The kill switch as the holdings last saw it, not as this poll last saw it: a halt that began and ended
  // between two polls (a fill read it meanwhile) must still be noticed ending.
  const haltChanges$ = merge(interval(1_000), ctx.handsOff$ === undefined ? EMPTY : handsOff$).pipe(
    withLatestFrom(handsOff$, states$),
    filter(([, off, s]) => (off || deps.killSwitch.isHalted()) !== s.halted),
    map(() => TICK),
  );
  // A malformed frame is dropped at the adapter; it may have carried a fill, so the broker's picture is read now.
  const badFrames$ = merge(
    trading$,
    market$,
    actions$.pipe(
      ofKind('Refused'),
      map((a) => a.frame),
    ),
  ).pipe(
    filter(isBadFrame),
    mergeMap((b): (BadFrame | CoreFed)[] => {
      log.warn(
        { feed: b.feed, reason: b.reason, ...b.frame },
        `${b.feed} frame dropped: ${b.reason}`,
      );
      return b.feed === 'trading'
        ? [fed({ kind: 'AuditRequest', reason: `malformed trade update (${b.reason})` }), b]
        : [b];
    }),
    share(),
  );
  // The earliest retry or resolution the holdings wait for gets its own timer (re-armed at every step).
  const wakes$ = states$.pipe(
    switchMap((s) => {
      const at = nextWakeAt(s, hopts, now());
      return at === null ? EMPTY : timer(Math.max(1, at - now()));
    }),
    map(() => TICK),
  );
  const inputs$: Observable<DaemonInput | CoreFed> = merge(
    updates$,
    snapshots$,
    clockReports$.pipe(map((report) => ({ kind: 'ClockSynced' as const, report }))),
    ticks$.pipe(map((t) => (isFed(t) ? t : TICK))),
    wakes$,
    haltChanges$,
    signals$.pipe(filter(notStale)),
    actions$.pipe(
      ofKind('Outcome'),
      map((a) => a.outcome),
      observeOn(asapScheduler),
    ),
    ctx.exitRequests$ ?? EMPTY,
  );
  return { trading$, market$, clockReports$, inputs$, repricing$, badFrames$, handsOff$ };
}
