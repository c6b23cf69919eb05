/**
 * @module The daemon: the protection pipeline, safety mode over the same feeds, the status record and the
 * ready signal. `strikeline stream` runs it; tests run it in-process against the simulator.
 */
import {
  BehaviorSubject,
  EMPTY,
  catchError,
  concat,
  concatMap,
  defer,
  filter,
  first,
  from,
  ignoreElements,
  interval,
  map,
  merge,
  scan,
  share,
  startWith,
  takeUntil,
  tap,
  type Observable,
} from 'rxjs';
import type { FeedEvent } from '../../domain/events.ts';
import type { SyncedClock } from '../../domain/time/market-session.ts';
import type { Deps } from '../deps.ts';
import {
  writeDaemonStatus,
  type DaemonMode,
  type DaemonStatus,
} from '../../records/daemon-status.ts';
import { supervise } from '../../operators/supervise.ts';
import { credentialsGuard, type CredentialsAccepted } from './credentials-guard.ts';
import { protectionStream, type ProtectionEvent } from '../protection/protection-stream.ts';
import { safetyStream, type SafetyEvent } from '../safety/safety-stream.ts';
import { readSafety } from '../../records/safety-state.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';
import type { OrchestratorEvent } from '../phases/orchestrator-events.ts';
import { orchestratorStream } from '../phases/orchestrator-stream.ts';
import { phaseTasks, type PhasePorts } from '../phases/phase-tasks.ts';
import { riskStream, type RiskChanged } from '../risk/risk-stream.ts';
import { inFlight, type InFlight } from '../in-flight.ts';
import { intradayStrategies } from '../intraday/intraday-strategies.ts';

export interface DaemonReady {
  readonly kind: 'Ready';
  readonly tsReady: number;
}

export type DaemonOutput =
  | ProtectionEvent
  | SafetyEvent
  | DaemonReady
  | CredentialsAccepted
  | OrchestratorEvent
  | RiskChanged;

export interface DaemonOptions {
  readonly clock?: SyncedClock;
  readonly pid?: number;
  /** A broker silent this long is asked whether it still accepts the credentials (default 15 s). */
  readonly credentialsCheckMs?: number;
  /** The market-phase orchestrator's ports (docs/phases.md); without them the daemon runs no phase tasks. */
  readonly phases?: PhasePorts;
  /**
   * TRADING_CAPITAL from the environment: it caps the capital as it does for `trade`, for the intraday entries'
   * sizing and for the strategy breakers' allocations.
   */
  readonly tradingCapital?: number;
}

/** `strikeline status` calls a daemon gone after 30 s without a heartbeat. */
const HEARTBEAT_MS = 5_000;
/** Half the 30 s within which a revoked key must stop the daemon; about 4 requests a minute when all is quiet. */
const CREDENTIALS_CHECK_MS = 15_000;

const isFeedEvent = (e: DaemonOutput): e is FeedEvent =>
  e.kind === 'FeedResynced' || e.kind === 'FeedDown';

interface Seen {
  readonly trading: boolean;
  readonly market: boolean;
  readonly audit: boolean;
}

/** Ready once both streams are connected and the first coverage audit is done. */
const ready = (events$: Observable<DaemonOutput>, now: () => number): Observable<DaemonReady> =>
  events$.pipe(
    scan(
      (s: Seen, e) => ({
        trading: s.trading || (e.kind === 'FeedResynced' && e.feed === 'trading'),
        market: s.market || (e.kind === 'FeedResynced' && e.feed === 'market'),
        audit: s.audit || e.kind === 'AuditCompleted',
      }),
      { trading: false, market: false, audit: false },
    ),
    first((s) => s.trading && s.market && s.audit),
    map(() => ({ kind: 'Ready' as const, tsReady: now() })),
  );

function statusWriter(
  deps: Deps,
  events$: Observable<DaemonOutput>,
  pid: number,
  safety: () => boolean,
  work: InFlight,
): Observable<never> {
  const tsStarted = epochNow();
  const fold = (s: DaemonStatus, e: DaemonOutput | null): DaemonStatus => {
    const mode: DaemonMode = deps.killSwitch.isHalted() ? 'halted' : safety() ? 'safety' : 'normal';
    const base = { ...s, mode, tsHeartbeat: epochNow() };
    if (e === null) return base;
    if (isFeedEvent(e)) {
      const up = e.kind === 'FeedResynced';
      // A stream is up only once it logged in: that is the broker accepting the credentials too.
      return {
        ...base,
        streams: { ...s.streams, [e.feed]: up ? 'up' : 'down' },
        credentials: up ? 'accepted' : (s.credentials ?? 'unknown'),
      };
    }
    if (e.kind === 'AuditCompleted')
      return {
        ...base,
        tsLastAudit: deps.clock.now(),
        auditCount: s.auditCount + 1,
        coverage: e.coverage,
      };
    if (e.kind === 'CredentialsAccepted') return { ...base, credentials: 'accepted' };
    if (e.kind === 'PhaseEntered')
      return { ...base, phase: { phase: e.phase, day: e.day, tsStart: e.tsStart, tsEnd: e.tsEnd } };
    return base;
  };
  const initial: DaemonStatus = {
    pid,
    tsStarted,
    tsHeartbeat: tsStarted,
    mode: 'normal',
    streams: { trading: 'down', market: 'down' },
    tsLastAudit: null,
    auditCount: 0,
    coverage: [],
    credentials: 'unknown',
  };
  const relevant = (e: DaemonOutput): boolean =>
    isFeedEvent(e) ||
    e.kind === 'AuditCompleted' ||
    e.kind === 'HaltChanged' ||
    e.kind === 'SafetyModeEntered' ||
    e.kind === 'SafetyModeExited' ||
    e.kind === 'CredentialsAccepted' ||
    e.kind === 'PhaseEntered';
  return merge(events$.pipe(filter(relevant)), interval(HEARTBEAT_MS).pipe(map(() => null))).pipe(
    startWith(null),
    scan(fold, initial),
    concatMap((status) =>
      from(work.track(writeDaemonStatus(deps.store, status))).pipe(
        catchError((e: unknown) => {
          deps.log.warn(
            { err: e instanceof Error ? e.message : String(e) },
            'daemon status could not be written',
          );
          return EMPTY;
        }),
      ),
    ),
    ignoreElements(),
  );
}

export function daemonStream(
  daemonDeps: Deps,
  options: DaemonOptions = {},
): Observable<DaemonOutput> {
  return defer(() => {
    // Every pipeline reaches the broker through the guard: a refused key ends the daemon instead of idling it.
    const guard = credentialsGuard(daemonDeps.broker, {
      checkMs: options.credentialsCheckMs ?? CREDENTIALS_CHECK_MS,
      log: daemonDeps.log.child({ component: 'credentials' }),
    });
    const deps: Deps = { ...daemonDeps, broker: guard.broker };
    const safety = readSafety(deps.store);
    const inSafety = new BehaviorSubject<boolean>(safety?.active === true);
    // While safety mode flattens the account the daemon must not put protection back behind it.
    const handsOff$ = new BehaviorSubject<boolean>(
      safety?.active === true && safety.onDisconnect === 'flatten',
    );
    // A failure of the whole pipeline (a bug, a feed that keeps refusing) restarts it from LMDB and the broker,
    // the same path as a process restart; past the budget the daemon exits non-zero for systemd to restart.
    const intraday =
      options.phases === undefined
        ? null
        : intradayStrategies(
            deps,
            options.tradingCapital === undefined ? {} : { tradingCapital: options.tradingCapital },
          );
    const protection$ = protectionStream(deps, {
      handsOff$,
      ...(intraday === null ? {} : { exitRequests$: intraday.exits$ }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    }).pipe(
      supervise({
        maxRestarts: 3,
        windowMs: 600_000,
        delayMs: 1_000,
        log: deps.log.child({ component: 'daemon' }),
        name: 'protection',
      }),
      share(),
    );
    const safety$ = safetyStream(deps, protection$.pipe(filter(isFeedEvent))).pipe(
      tap((e) => {
        if (e.kind === 'SafetyModeEntered') {
          inSafety.next(true);
          handsOff$.next(e.onDisconnect === 'flatten');
        } else if (e.kind === 'SafetyModeExited') {
          inSafety.next(false);
          handsOff$.next(false);
        }
      }),
      share(),
    );
    const clock = options.clock;
    // Work begun as a promise outlives an unsubscribe: the daemon ends only once it has settled (the store then closes).
    const work = inFlight();
    const phases$ =
      options.phases === undefined
        ? EMPTY
        : orchestratorStream(deps, {
            tasks:
              intraday?.withTasks(phaseTasks(deps, options.phases)) ??
              phaseTasks(deps, options.phases),
            inFlight: work,
            ...(clock === undefined ? {} : { synced: () => clock.lastReport() !== null }),
          });
    // The risk authority beside the core: it reads the core's fills and audits, never its orders.
    const risk$ = riskStream(deps, protection$, work, options.tradingCapital);
    // The guard first: it must hear the very first answer (the start's clock sync).
    const all$ = merge(
      guard.watch$,
      protection$,
      safety$,
      phases$,
      risk$,
      intraday?.run$ ?? EMPTY,
    ).pipe(share());
    const running$ = merge(
      all$,
      ready(all$, () => deps.clock.now()),
      statusWriter(deps, all$, options.pid ?? process.pid, () => inSafety.value, work),
    ).pipe(takeUntil(deps.shutdown$));
    return concat(running$, defer(() => work.settled()).pipe(ignoreElements()));
  });
}
