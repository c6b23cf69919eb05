/** @module Whether the daemon protects right now, from the store and the root's lock alone (no broker call): `/api/health`. */
import type { Store } from '../../domain/store.ts';
import { readDaemonStatus } from '../../records/daemon-status.ts';
import { daemonHealth, type DaemonHealth, type LockView } from '../ops/daemon-health.ts';

export interface HealthDeps {
  readonly store: Store;
  readonly probeLock: () => Promise<LockView>;
  readonly isAlive: (pid: number) => boolean;
  readonly staleMs: number;
  readonly now: () => number;
}

export async function currentHealth(d: HealthDeps): Promise<DaemonHealth> {
  const record = readDaemonStatus(d.store);
  const lock = await d.probeLock();
  return daemonHealth({
    record,
    lock,
    pidAlive: record !== undefined && d.isAlive(record.pid),
    heartbeatAgeMs: record === undefined ? 0 : d.now() - record.tsHeartbeat,
    staleMs: d.staleMs,
  });
}
