/**
 * @module The doctor's state checks: the LMDB store opens at this strikeline's schema version, the disk under the
 * root has room, the last decision the store holds (its latest journal entry: what a restart resumes from), and
 * logs/ takes new files.
 */
import { SCHEMA_VERSION, StoreVersionError } from '../../domain/store.ts';
import type { Store } from '../../domain/store.ts';
import { readDaemonStatus } from '../../records/daemon-status.ts';
import { checksOf, messageOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('state');

/** LMDB grows its file as it writes: a full disk stops the journal, and with it every order. */
export const DISK_FAIL_BYTES = 200 * 1024 ** 2;
export const DISK_WARN_BYTES = 1024 ** 3;

const size = (bytes: number): string =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;

export function diskCheck(root: string, freeBytes: number): DoctorCheck {
  const line = `${size(freeBytes)} free under ${root}`;
  const fix = 'free space (old logs/ and data/ caches can go), or move the root to a larger disk';
  if (freeBytes < DISK_FAIL_BYTES)
    return c.fail('state.disk', `${line}: the store and the logs are about to stop`, fix);
  if (freeBytes < DISK_WARN_BYTES) return c.warn('state.disk', line, fix);
  return c.ok('state.disk', line);
}

function checkpointCheck(store: Store): DoctorCheck {
  const last = store.journal.list().at(-1);
  const beat = readDaemonStatus(store);
  const daemon =
    beat === undefined
      ? 'no daemon record'
      : `daemon record written ${new Date(beat.tsHeartbeat).toISOString()}`;
  if (last === undefined) return c.ok('state.checkpoint', `no decision journaled yet; ${daemon}`);
  return c.ok(
    'state.checkpoint',
    `last journaled decision ${new Date(last.ts).toISOString()} (${last.action} by ${last.actor}); ${daemon}`,
  );
}

export interface StateFacts {
  readonly stateDir: string;
  readonly root: string;
  readonly logsDir: string;
  /** Opens (or returns) the store; throws why it cannot. */
  readonly openStore: () => Store;
  readonly freeBytes: number;
  readonly logsNotWritable: string | null;
}

export function stateChecks(f: StateFacts): { checks: DoctorCheck[]; store: Store | undefined } {
  const logs =
    f.logsNotWritable === null
      ? c.ok('logs.writable', `${f.logsDir} writable`)
      : c.fail(
          'logs.writable',
          `${f.logsDir} is not writable: ${f.logsNotWritable}`,
          `sudo chown -R $USER ${f.logsDir}`,
        );
  const disk = diskCheck(f.root, f.freeBytes);
  let store: Store;
  try {
    store = f.openStore();
  } catch (e) {
    const version = e instanceof StoreVersionError;
    return {
      checks: [
        c.fail(
          'state.store',
          `${f.stateDir} does not open: ${messageOf(e)}`,
          version
            ? 'see state.schema'
            : "check the owner and permissions of state/ (the daemon's user must own it)",
        ),
        version
          ? c.fail(
              'state.schema',
              messageOf(e),
              'run the strikeline that wrote it, or move state/ aside to start afresh',
            )
          : c.notChecked('state.schema', 'the store does not open'),
        disk,
        c.notChecked('state.checkpoint', 'the store does not open'),
        logs,
      ],
      store: undefined,
    };
  }
  return {
    checks: [
      c.ok('state.store', `${f.stateDir} opens`),
      c.ok('state.schema', `schema version ${SCHEMA_VERSION}, the one this strikeline reads`),
      disk,
      checkpointCheck(store),
      logs,
    ],
    store,
  };
}
