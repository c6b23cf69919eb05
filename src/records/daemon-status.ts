/** @module The daemon's status record (store table 'daemon', key 'status'): read by `strikeline status`, written on every change and heartbeat. */
import type { CoverageLine } from '../domain/holdings/daemon-events.ts';
import type { MarketPhase } from '../domain/phases/market-phases.ts';
import type { Store } from '../domain/store.ts';

export const STATUS_TABLE = 'daemon';
export const STATUS_KEY = 'status';

export type DaemonMode = 'normal' | 'safety' | 'halted';

/** Whether the broker has accepted this run's credentials: unknown until its first answer or stream login. */
export type CredentialsState = 'unknown' | 'accepted' | 'refused';

export interface DaemonStatus {
  readonly pid: number;
  readonly tsStarted: number;
  /** Wall ms of the last write: a heartbeat older than a few timer intervals means the daemon is gone. */
  readonly tsHeartbeat: number;
  readonly mode: DaemonMode;
  readonly streams: { readonly trading: 'up' | 'down'; readonly market: 'up' | 'down' };
  /** Daemon clock of the last completed coverage audit, and what it found. */
  readonly tsLastAudit: number | null;
  /** Coverage audits completed since the start. */
  readonly auditCount: number;
  readonly coverage: readonly CoverageLine[];
  /** Set when the daemon stopped, cleanly or not (see `failure`). */
  readonly stopped?: boolean;
  /** Absent in records written before it existed: read as 'unknown'. */
  readonly credentials?: CredentialsState;
  /** The one line the daemon exited with, when it stopped on a failure. */
  readonly failure?: string;
  /** The market phase the orchestrator is in (docs/phases.md); absent before its first cycle. */
  readonly phase?: DaemonPhase;
}

export interface DaemonPhase {
  readonly phase: MarketPhase;
  /** The trading day it belongs to (OVERNIGHT: the session before it). */
  readonly day: string;
  readonly tsStart: number;
  readonly tsEnd: number | null;
}

export function readDaemonStatus(store: Store): DaemonStatus | undefined {
  return store.table<DaemonStatus>(STATUS_TABLE).get(STATUS_KEY);
}

export async function writeDaemonStatus(store: Store, status: DaemonStatus): Promise<void> {
  await store.table<DaemonStatus>(STATUS_TABLE).put(STATUS_KEY, status);
}
