/** @module `strikeline status`: positions, their protection and coverage, the daemon's mode and the kill switch, at a glance. */
import type { HaltRecord, HaltSwitch } from '../../domain/ports.ts';
import type { Broker, JournalEntry } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import {
  readDaemonStatus,
  type CredentialsState,
  type DaemonPhase,
  type DaemonStatus,
} from '../../records/daemon-status.ts';
import { readSafety, type SafetyState } from '../../records/safety-state.ts';
import {
  coverageOf,
  describeOrder,
  type Coverage,
  type ProtectiveOrder,
} from './position-coverage.ts';
import { daemonHealth, type DaemonHealth, type LockView } from './daemon-health.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';
import type { RiskLimits } from '../../domain/rules/risk/breaker.ts';
import type { RiskView } from '../../domain/rules/risk/risk-view.ts';
import { collectRisk } from './risk-report.ts';
import type { RegimeView } from './regime-view.ts';

export type Mode = 'halted' | 'safety' | 'normal' | 'daemon not running';

/** The daemon as status shows it: its record's essentials, whether it is alive, and how old its heartbeat is. */
export interface DaemonView {
  readonly pid: number;
  readonly tsStarted: number;
  readonly tsHeartbeat: number;
  readonly mode: DaemonStatus['mode'];
  readonly streams: DaemonStatus['streams'];
  /** Daemon (broker) clock of the last completed coverage audit. */
  readonly tsLastAudit: number | null;
  readonly stopped: boolean;
  /** Its pid alive, the root's lock held, its heartbeat fresh and not stopped. */
  readonly running: boolean;
  readonly heartbeatAgeMs: number;
  readonly pidAlive: boolean;
  readonly credentials: CredentialsState;
  /** The line it exited with, when it stopped on a failure. */
  readonly failure: string | null;
  /** The market phase it last entered, or null before its orchestrator's first cycle. */
  readonly phase: DaemonPhase | null;
}

const viewOf = (
  beat: DaemonStatus,
  ts: number,
  pidAlive: boolean,
  health: DaemonHealth,
): DaemonView => ({
  pid: beat.pid,
  tsStarted: beat.tsStarted,
  tsHeartbeat: beat.tsHeartbeat,
  mode: beat.mode,
  streams: beat.streams,
  tsLastAudit: beat.tsLastAudit,
  stopped: beat.stopped === true,
  running:
    health.state !== 'not running' && health.state !== 'heartbeat stale' && beat.stopped !== true,
  heartbeatAgeMs: ts - beat.tsHeartbeat,
  pidAlive,
  credentials: beat.credentials ?? 'unknown',
  failure: beat.failure ?? null,
  phase: beat.phase ?? null,
});

export interface PositionStatus {
  readonly symbol: string;
  readonly qty: number;
  readonly entry: number;
  readonly last: number;
  readonly pl: number;
  readonly plPct: number;
  readonly coverage: Coverage;
}

export interface StatusReport {
  readonly ts: number;
  readonly mode: Mode;
  readonly killSwitch: {
    readonly halted: boolean;
    readonly file: HaltRecord | null;
    readonly tradingDisabled: boolean;
  };
  readonly daemon: DaemonView | null;
  /** Whether the daemon protects right now; `strikeline status` exits 1 unless `ok`. */
  readonly health: DaemonHealth;
  /** The root's lock: held by the running daemon (with its pid), or free. */
  readonly lock: LockView;
  readonly safety: SafetyState | null;
  /** The trading state (`strikeline risk --json`). */
  readonly risk: RiskView;
  /** The research's market regime (null before the first `strikeline research`). */
  readonly regime: RegimeView;
  readonly positions: readonly PositionStatus[];
  readonly unprotected: readonly string[];
  /** Open sell orders of symbols with no position (the audit cancels them). */
  readonly orphanOrders: readonly (ProtectiveOrder & { readonly symbol: string })[];
  /** Set when the broker could not be reached: the local state is still shown. */
  readonly brokerError: string | null;
  /** The latest journal entries, oldest first (`--journal N`). */
  readonly journal: readonly JournalEntry[];
}

export interface StatusDeps {
  readonly broker: () => Broker;
  readonly store: Store;
  readonly killSwitch: HaltSwitch;
  /** Looks at the root's lock without taking it. */
  readonly probeLock: () => Promise<LockView>;
  readonly isAlive: (pid: number) => boolean;
  readonly now?: () => number;
  /** A heartbeat older than this means the daemon is not running: see {@link staleAfterMs}. */
  readonly staleMs: number;
  /** How many of the latest journal entries to include. */
  readonly journalEntries?: number;
  readonly riskLimits: RiskLimits;
  /** The research's regime model, read when status is collected. */
  readonly regime?: () => RegimeView;
}

/** The daemon beats every `protection.timer_interval_ms`: three missed beats (at least 30 s) mean it is gone. */
export const staleAfterMs = (timerIntervalMs: number): number =>
  Math.max(30_000, 3 * timerIntervalMs);

export function modeOf(
  halted: boolean,
  daemon: StatusReport['daemon'],
  safety: SafetyState | null,
): Mode {
  if (halted) return 'halted';
  if (daemon === null || !daemon.running) return 'daemon not running';
  if (safety?.active === true || daemon.mode === 'safety') return 'safety';
  return daemon.mode;
}

export async function collectStatus(deps: StatusDeps): Promise<StatusReport> {
  const ts = (deps.now ?? epochNow)();
  const file = deps.killSwitch.read() ?? null;
  const halted = deps.killSwitch.isHalted();
  const beat = readDaemonStatus(deps.store);
  const lock = await deps.probeLock();
  const pidAlive = beat !== undefined && deps.isAlive(beat.pid);
  const health = daemonHealth({
    record: beat,
    lock,
    pidAlive,
    heartbeatAgeMs: beat === undefined ? 0 : ts - beat.tsHeartbeat,
    staleMs: deps.staleMs,
  });
  const daemon = beat === undefined ? null : viewOf(beat, ts, pidAlive, health);
  const safety = readSafety(deps.store) ?? null;
  let positions: PositionStatus[] = [];
  let orphanOrders: StatusReport['orphanOrders'] = [];
  let brokerError: string | null = null;
  // Trips end at broker times (the session's close): measured against the broker's clock when it answers.
  let riskTs = ts;
  try {
    const broker = deps.broker();
    const [held, open, clock] = await Promise.all([
      broker.listPositions(),
      broker.listOrders({ status: 'open', nested: true, limit: 500 }),
      broker.getClock(),
    ]);
    riskTs = clock.tsNow;
    positions = held
      .map((p) => ({
        symbol: p.symbol,
        qty: p.qty,
        entry: p.avgEntryPrice,
        last: p.currentPrice,
        pl: p.unrealizedPl,
        plPct: p.unrealizedPlpc,
        coverage: coverageOf(p, open),
      }))
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
    const heldSymbols = new Set(held.map((p) => p.symbol));
    orphanOrders = open
      .filter((o) => o.side === 'sell' && !heldSymbols.has(o.symbol))
      .map((o) => ({ ...describeOrder(o), symbol: o.symbol }));
  } catch (e) {
    brokerError = e instanceof Error ? e.message : String(e);
  }
  return {
    ts,
    mode: modeOf(halted, daemon, safety),
    killSwitch: { halted, file, tradingDisabled: deps.killSwitch.tradingDisabled },
    daemon,
    health,
    lock,
    safety,
    risk: collectRisk(deps.store, deps.killSwitch, deps.riskLimits, riskTs),
    regime: deps.regime?.() ?? null,
    positions,
    unprotected: positions
      .filter((p) => p.coverage.state === 'UNPROTECTED' || p.coverage.state === 'partial')
      .map((p) => p.symbol),
    orphanOrders,
    brokerError,
    journal: latestJournal(deps.store, deps.journalEntries ?? 0),
  };
}

/** The last `n` journal entries. The journal is time-ordered; its times follow the broker's clock, so read it whole. */
function latestJournal(store: Store, n: number): JournalEntry[] {
  return n <= 0 ? [] : store.journal.list().slice(-n);
}
