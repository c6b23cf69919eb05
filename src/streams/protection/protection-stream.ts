/**
 * @module The brain: trade updates, market trades of held symbols, a timer and REST audits folded into the
 * holdings; protective OCO/stop orders, soft exits and repairs sent through the broker; state kept in LMDB;
 * every decision journaled and alerted. Startup is crash recovery: LMDB first, then the broker's picture.
 */
import {
  BehaviorSubject, EMPTY, Subject, asapScheduler, asyncScheduler, connect, defer, distinctUntilChanged, filter, first,
  from, shareReplay, switchMap, ignoreElements, interval, map, merge, mergeMap, observeOn, of, share, tap, takeUntil, throttleTime, timer, type Observable,
} from 'rxjs';
import type { CommandOutcome, DaemonInput, SoftExitDue, Tick } from '../../domain/holdings/daemon-inputs.ts';
import type { DaemonEvent, ExitTrack } from '../../domain/holdings/daemon-events.ts';
import type { BadFrame, FeedEvent, MarketTrade, TradeUpdate } from '../../domain/events.ts';
import { nextWakeAt } from '../../domain/holdings/wake.ts';
import type { HoldingsState } from '../../domain/holdings/draft.ts';
import type { HoldingsStep } from '../../domain/holdings/reducer.ts';
import { clockReportExpired, isSessionOpen, type SyncedClock } from '../../domain/time/market-session.ts';
import type { ClockReport } from '../../domain/account.ts';
import { dedupeFills } from '../../operators/dedupe-fills.ts';
import { evaluateExits, type ExitInput, type ExitSignal, type ExitTick, type PricesStale } from '../../operators/evaluate-exits.ts';
import { failWhenStale } from '../../operators/fail-when-stale.ts';
import { gateOnClock } from '../../operators/gate-on-clock.ts';
import { holdWhile } from '../../operators/hold-while.ts';
import { ignoreTerminalOrders } from '../../operators/ignore-terminal-orders.ts';
import { planHoldings } from '../../operators/plan-holdings.ts';
import { retryWithBackoff } from '../../operators/retry-with-backoff.ts';
import { supervise } from '../../operators/supervise.ts';
import { clockSyncStream } from './clock-sync.ts';
import type { Deps } from '../deps.ts';
import { commandExecutor } from './execute-command.ts';
import { immediateScheduler } from './immediate-scheduler.ts';
import { heldSymbols, holdingsOptions, initialHoldings, sameSymbols, warmUpReducer } from './holdings-options.ts';
import { journalSink } from './journal-sink.ts';
import { persistHoldings } from './persist-holdings.ts';
import { repriceStale } from './reprice-stale.ts';
import { auditSnapshots } from './audit-snapshots.ts';
import { dailyBasisSource } from './daily-basis-source.ts';
import { markPrices, type PricesMarked } from '../../operators/mark-prices.ts';
import { riskLimitsOf } from '../../config/risk-limits.ts';

export interface ProtectionStreamOptions {
  /** The trading feed, when shared with other pipelines (the daemon's); else one is opened from deps. */
  readonly tradeEvents$?: Observable<TradeUpdate | FeedEvent | BadFrame>;
  /** The broker-synced clock: REST syncs and event timestamps move it. */
  readonly clock?: SyncedClock;
  /** True while another pipeline needs the daemon's hands off the orders (safety mode flattening). */
  readonly handsOff$?: Observable<boolean>;
  /** Market exits asked by another pipeline (the intraday closes at MARKET_CLOSE), carried out as soft exits. */
  readonly exitRequests$?: Observable<SoftExitDue>;
}

export type ProtectionEvent = DaemonEvent | FeedEvent | BadFrame | PricesMarked;

const TICK: Tick = { kind: 'Tick' };
const DAY_MS = 86_400_000;
/** The longest a step's bookkeeping waits for orders on the wire to be answered. */
const BOOKKEEPING_HOLD_MS = 250;
/** Clock resyncs asked by frames ahead of the daemon's time: at most one per this long. */
const AHEAD_RESYNC_MS = 250;
/** How long a frame ahead of the daemon's time waits for the broker's clock to confirm it. */
const CLOCK_GATE_MS = 5_000;
const isFeedEvent = (e: { kind: string }): e is FeedEvent => e.kind === 'FeedResynced' || e.kind === 'FeedDown';
const isUpdate = (e: TradeUpdate | FeedEvent | BadFrame): e is TradeUpdate => e.kind === 'TradeUpdate';
const isTrade = (e: MarketTrade | FeedEvent | BadFrame): e is MarketTrade => e.kind === 'MarketTrade';
const isBadFrame = (e: { kind: string }): e is BadFrame => e.kind === 'BadFrame';
const notStale = (s: ExitSignal): s is Exclude<ExitSignal, PricesStale> => s.kind !== 'PricesStale';

export function protectionStream(deps: Deps, options: ProtectionStreamOptions = {}): Observable<ProtectionEvent> {
  return defer(() => {
    const cfg = deps.config.protection;
    const log = deps.log.child({ component: 'protection' });
    // Daily bars of held symbols: their strategies' own exits, and the ATR catastrophe stop.
    const daily = dailyBasisSource(deps, log, () => deps.clock.now());
    const hopts = { ...holdingsOptions(deps.config), atrOf: daily.atrOf };
    const initial = initialHoldings(deps.store);
    const state$ = new BehaviorSubject<HoldingsState>(initial);
    const held$ = new BehaviorSubject<readonly string[]>(heldSymbols(initial));
    const outcomes$ = new Subject<DaemonInput>();
    const tracks$ = new Subject<ExitTrack>();
    const restPrices$ = new Subject<MarketTrade>();
    const auditRequests$ = new Subject<string>();
    const resync$ = new Subject<void>();
    const aheadResync$ = new Subject<void>();
    let handsOff = false;
    let lastReport: ClockReport | null = null;
    const now = (): number => deps.clock.now();
    const halted = (): boolean => handsOff || deps.killSwitch.isHalted();
    // Past the last session boundary the broker told us about: ask its clock again.
    const checkBoundary = (): void => {
      if (lastReport !== null && clockReportExpired(lastReport, now())) resync$.next();
    };
    const refused$ = new Subject<BadFrame>();
    // An event further ahead than the clock trusts waits for the broker's clock to confirm its time, or is refused.
    const gate = <T extends TradeUpdate | MarketTrade>(feed: BadFrame['feed']) => gateOnClock<T>({
      observe: (ts) => options.clock?.observe(ts) ?? true,
      askClock: () => { aheadResync$.next(); },
      synced$: defer(() => clockReports$),
      maxHoldMs: CLOCK_GATE_MS,
      onRefused: (e) => {
        const frame = e.kind === 'TradeUpdate'
          ? { event: e.event, symbol: e.order.symbol, orderId: e.order.id, clientOrderId: e.order.clientOrderId }
          : { symbol: e.symbol };
        refused$.next({ kind: 'BadFrame', feed, reason: `timestamp ${new Date(e.tsEvent).toISOString()} not confirmed by the broker's clock`, frame });
      },
    });

    const trading$ = (options.tradeEvents$ ?? deps.tradeFeed.tradeUpdates$()).pipe(
      supervise({ maxRestarts: 5, windowMs: 60_000, delayMs: 1_000, log, name: 'trading feed' }),
      share({ resetOnError: true, resetOnRefCountZero: true }),
    );
    const updates$ = trading$.pipe(filter(isUpdate), gate<TradeUpdate>('trading'), tap(checkBoundary), dedupeFills(), ignoreTerminalOrders());
    const market$ = defer(() => deps.marketFeed.trades$(held$.pipe(distinctUntilChanged(sameSymbols)))).pipe(
      // Silence while symbols are held in an open session is a dead socket: reconnect (the retry path).
      failWhenStale({ feed: 'market', staleMs: 2 * cfg.stale_symbol_ms, expected: () => held$.value.length > 0 && state$.value.sessionOpen }),
      retryWithBackoff({ baseMs: 1_000, maxMs: 30_000 }),
      supervise({ maxRestarts: 5, windowMs: 60_000, delayMs: 1_000, log, name: 'market feed' }),
      share({ resetOnError: true, resetOnRefCountZero: true }),
    );
    const trades$ = market$.pipe(filter(isTrade), gate<MarketTrade>('market'), tap(checkBoundary));
    // Replays the latest report: the first one is taken by firstSync$ before core$ subscribes, and the
    // reducer must see it too, or it would take the session for closed until the next sync.
    const clockReports$ = clockSyncStream(deps, options.clock, merge(
      resync$.pipe(throttleTime(1_000)),
      aheadResync$.pipe(throttleTime(AHEAD_RESYNC_MS, asyncScheduler, { leading: true, trailing: true })),
    )).pipe(
      tap((r) => { lastReport = r; }),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    const ticks$ = interval(cfg.timer_interval_ms).pipe(tap(checkBoundary), share());

    const exitTick = (): ExitTick => ({ kind: 'ExitTick', now: now(), sessionOpen: isSessionOpen(lastReport, now()) });
    const exitInputs$: Observable<ExitInput> = merge(
      tracks$.pipe(observeOn(asapScheduler)), trades$, restPrices$.pipe(observeOn(asapScheduler)), merge(ticks$, clockReports$).pipe(map(exitTick)),
      daily.inputs$(held$.pipe(distinctUntilChanged(sameSymbols))).pipe(observeOn(asapScheduler)),
    );
    const signals$ = exitInputs$.pipe(evaluateExits({ rules: hopts.rules, staleMs: cfg.stale_symbol_ms }), share());
    const repricing$ = repriceStale(deps.broker, signals$, log).pipe(tap((t) => { restPrices$.next(t); }), ignoreElements());

    const auditTriggers$ = merge(
      of('start'),
      trading$.pipe(filter((e) => e.kind === 'FeedResynced'), map(() => 'trading stream (re)connected')),
      interval(cfg.audit_interval_ms).pipe(map(() => 'interval')),
      auditRequests$,
    );
    const snapshots$ = auditSnapshots(auditTriggers$, {
      broker: deps.broker, log, state: () => state$.value, now, lookbackMs: (hopts.rules.timeStopDays + 1) * DAY_MS,
    });
    // The kill switch as the holdings last saw it, not as this poll last saw it: a halt that began and ended
    // between two polls (a fill read it meanwhile) must still be noticed ending.
    const haltChanges$ = merge(interval(1_000), options.handsOff$?.pipe(tap((v) => { handsOff = v; })) ?? EMPTY).pipe(
      filter(() => halted() !== state$.value.halted),
      map(() => TICK),
    );

    // A malformed frame is dropped at the adapter; it may have carried a fill, so the broker's picture is read now.
    const badFrames$ = merge(trading$, market$, refused$).pipe(
      filter(isBadFrame),
      tap((b) => {
        log.warn({ feed: b.feed, reason: b.reason, ...b.frame }, `${b.feed} frame dropped: ${b.reason}`);
        if (b.feed === 'trading') auditRequests$.next(`malformed trade update (${b.reason})`);
      }),
      share(),
    );
    // The earliest retry or resolution the holdings wait for gets its own timer (re-armed at every step).
    const wakes$ = state$.pipe(
      switchMap((s) => {
        const at = nextWakeAt(s, hopts, now());
        return at === null ? EMPTY : timer(Math.max(1, at - now()));
      }),
      map(() => TICK),
    );
    const inputs$: Observable<DaemonInput> = merge(
      updates$, snapshots$, clockReports$.pipe(map((report) => ({ kind: 'ClockSynced' as const, report }))), ticks$.pipe(map(() => TICK)),
      wakes$, haltChanges$, signals$.pipe(filter(notStale)), outcomes$.pipe(observeOn(asapScheduler)), options.exitRequests$ ?? EMPTY,
    );
    const execute = commandExecutor(deps.broker, { unknownTimeoutMs: cfg.unknown_order_timeout_ms, log });
    // Orders sent and not yet answered (acknowledged, refused or found unclear): bookkeeping waits for them.
    const submitting$ = new BehaviorSubject<number>(0);
    const whileSubmitting = (outcomes$: Observable<CommandOutcome>): Observable<CommandOutcome> =>
      defer(() => {
        let open = true;
        const settle = (): void => {
          if (!open) return;
          open = false;
          submitting$.next(submitting$.value - 1);
        };
        submitting$.next(submitting$.value + 1);
        return outcomes$.pipe(tap({ next: settle, finalize: settle }));
      });
    const core$ = inputs$.pipe(
      map((input) => ({ input, now: now(), halted: halted() })),
      planHoldings(hopts, initial),
      connect((steps$: Observable<HoldingsStep>) => {
        // Commands first: the protective POST leaves before bookkeeping of the same step.
        const commands$ = steps$.pipe(
          mergeMap((s) => s.commands),
          mergeMap((c) => {
            if (c.kind === 'Submit') return whileSubmitting(execute(c));
            if (c.kind !== 'RequestAudit') return execute(c);
            auditRequests$.next(c.reason);
            return EMPTY;
          }),
          tap((o) => { outcomes$.next(o); }),
          ignoreElements(),
        );
        const current$ = steps$.pipe(tap((s) => { state$.next(s.state); }), ignoreElements());
        // The rest waits until the orders on the wire are answered (at most BOOKKEEPING_HOLD_MS), then for the
        // check phase: the POST is written, and its answer finds the thread free (see immediate-scheduler.ts).
        const later$ = steps$.pipe(
          holdWhile(submitting$.pipe(map((n) => n > 0), distinctUntilChanged()), { maxHoldMs: BOOKKEEPING_HOLD_MS }),
          observeOn(immediateScheduler),
          share(),
        );
        const bookkeeping$ = later$.pipe(
          tap((s) => {
            const held = heldSymbols(s.state);
            if (!sameSymbols(held, held$.value)) held$.next(held);
            for (const e of s.events) if (e.kind === 'ExitTrack') tracks$.next(e);
          }),
          map((s) => s.state),
          persistHoldings(deps.store, log, initial),
        );
        const events$ = later$.pipe(mergeMap((s) => from(s.events)), share());
        return merge(commands$, current$, bookkeeping$, events$.pipe(journalSink(deps)), events$);
      }),
    );
    // Nothing runs before the first broker clock sync: the daemon's time (and every comparison made with it)
    // starts from the broker's, so it never has to jump backwards. The feeds open after it, inside core$.
    const firstSync$ = clockReports$.pipe(first(), tap((r) => {
      options.clock?.sync(r);
      warmUpReducer(hopts, r);
    }));
    // The held symbols' latest trades for the risk authority's live equity (docs/risk.md), from the one market feed.
    const marks$ = market$.pipe(filter(isTrade), markPrices(riskLimitsOf(deps.config).liveEquityIntervalMs));
    return firstSync$.pipe(
      switchMap(() => merge(core$, repricing$, badFrames$, trading$.pipe(filter(isFeedEvent)), market$.pipe(filter(isFeedEvent)), marks$)),
      takeUntil(deps.shutdown$),
    );
  });
}
