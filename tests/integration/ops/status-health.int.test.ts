/**
 * `strikeline status` tells the truth about the daemon, with exit 0 only when it protects: running (heartbeat
 * fresh, pid alive, root lock held), authenticated and both streams up. The daemon runs in-process against the
 * simulator and the test process holds the root's lock for it, as `strikeline stream` does; `status` is the real
 * CLI. The "health" field names the state; the other fields of `status --json` stay as they were.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRootLock, type RootLock } from '../../../src/adapters/lock/root-lock.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { StatusReport } from '../../../src/jobs/ops/status.ts';
import { readDaemonStatus, writeDaemonStatus } from '../../../src/records/daemon-status.ts';
import { runCli } from '../../support/run-cli.ts';
import { waitFor } from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';
import { startHarness, type Harness } from '../daemon/daemon-harness.ts';

/** Several CLI runs per test on a shared machine: generous, and only outcomes are asserted. */
const CLI_TEST_MS = 120_000;

let h: Harness | undefined;
let lock: RootLock | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await lock?.release();
  lock = undefined;
  await h?.stop();
  h = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function status(
  env: Record<string, string>,
): Promise<{ code: number; report: StatusReport; stderr: string }> {
  const result = await runCli(['status', '--json'], env);
  return {
    code: result.code,
    report: JSON.parse(result.stdout) as StatusReport,
    stderr: result.stderr,
  };
}

describe('strikeline status: exit code and health', () => {
  it(
    'exits 0 while the daemon runs, authenticated, with both streams up; 1 once its streams are down',
    async () => {
      h = await startHarness();
      lock = await acquireRootLock(h.t.root);
      const daemon = h.startDaemon();
      await daemon.ready();

      const healthy = await status(h.t.env);
      expect(healthy.code).toBe(0);
      expect(healthy.stderr).toBe('');
      expect(healthy.report.health).toEqual({
        ok: true,
        state: 'healthy',
        reason: 'running, authenticated, both streams up',
      });
      expect(healthy.report.lock).toEqual({ held: true, pid: process.pid });
      expect(healthy.report.mode).toBe('normal');
      expect(healthy.report.daemon).toMatchObject({
        pid: process.pid,
        running: true,
        pidAlive: true,
        credentials: 'accepted',
        failure: null,
        streams: { trading: 'up', market: 'up' },
      });

      await h.ctl.faults({ kind: 'drop_streams', refuse_ms: 120_000 });
      await waitFor(
        () =>
          readDaemonStatus(daemon.store)?.streams.trading === 'down' &&
          readDaemonStatus(daemon.store)?.streams.market === 'down',
        15_000,
        'both streams down in the record',
      );
      const down = await status(h.t.env);
      expect(down.code).toBe(1);
      expect(down.report.health).toEqual({
        ok: false,
        state: 'streams down',
        reason: 'trading and market streams down',
      });
      expect(down.report.daemon).toMatchObject({ running: true });
      expect(down.stderr).toBe(
        'strikeline: daemon streams down: trading and market streams down\n',
      );
    },
    CLI_TEST_MS,
  );

  it(
    'exits 1 "not authenticated" while the broker has not accepted the running daemon (unreachable)',
    async () => {
      h = await startHarness();
      lock = await acquireRootLock(h.t.root);
      // Nothing listens on port 1: no answer, so no acceptance and no refusal either.
      const daemon = h.startDaemon({}, { endpoint: 'http://127.0.0.1:1' });
      await waitFor(() => readDaemonStatus(daemon.store), 10_000, 'the first heartbeat');
      const result = await status(h.t.env);
      expect(result.code).toBe(1);
      expect(result.report.health).toMatchObject({ ok: false, state: 'not authenticated' });
      expect(result.report.daemon).toMatchObject({ running: true, credentials: 'unknown' });
    },
    CLI_TEST_MS,
  );

  it(
    'exits 1 when no daemon ever ran, and when the holder of the lock stopped beating (hung)',
    async () => {
      const { root, cleanup } = makeTempRoot('strikeline-status-');
      cleanups.push(cleanup);
      const env = {
        TRADING_SYSTEM_ROOT: root,
        ALPACA_API_KEY: 'PKNOBROKER0001',
        ALPACA_SECRET_KEY: 'no-broker-secret-0001',
        ALPACA_ENDPOINT: 'http://127.0.0.1:1',
      };
      const never = await status(env);
      expect(never.code).toBe(1);
      expect(never.report.health).toEqual({
        ok: false,
        state: 'not running',
        reason: 'the daemon never ran on this root',
      });
      expect(never.report.daemon).toBeNull();
      expect(never.report.lock).toEqual({ held: false });

      // A daemon that holds the root (this process) but whose last heartbeat is ten minutes old.
      lock = await acquireRootLock(root);
      const store = openStore(join(root, 'state'));
      const tsHeartbeat = Date.now() - 600_000;
      await writeDaemonStatus(store, {
        pid: process.pid,
        tsStarted: tsHeartbeat - 60_000,
        tsHeartbeat,
        mode: 'normal',
        streams: { trading: 'up', market: 'up' },
        tsLastAudit: null,
        auditCount: 1,
        coverage: [],
        credentials: 'accepted',
      });
      await store.close();
      const hung = await status(env);
      expect(hung.code).toBe(1);
      expect(hung.report.health.state).toBe('heartbeat stale');
      expect(hung.report.health.reason).toMatch(
        new RegExp(
          `^pid ${process.pid} holds the root but its last heartbeat is 6\\d\\d s old \\(hung\\?\\)$`,
        ),
      );
      expect(hung.report.mode).toBe('daemon not running');
      expect(hung.report.daemon).toMatchObject({ running: false, pidAlive: true });
    },
    CLI_TEST_MS,
  );
});
