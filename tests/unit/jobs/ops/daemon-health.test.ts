import { describe, expect, it } from 'vitest';
import { daemonHealth, type HealthInput } from '../../../../src/jobs/ops/daemon-health.ts';
import type { DaemonStatus } from '../../../../src/records/daemon-status.ts';

const record: DaemonStatus = {
  pid: 42,
  tsStarted: 0,
  tsHeartbeat: 0,
  mode: 'normal',
  streams: { trading: 'up', market: 'up' },
  tsLastAudit: null,
  auditCount: 3,
  coverage: [],
  credentials: 'accepted',
};
const healthy: HealthInput = {
  record,
  lock: { held: true, pid: 42 },
  pidAlive: true,
  heartbeatAgeMs: 1_000,
  staleMs: 30_000,
};

describe('daemonHealth', () => {
  it('is ok only when running, holding the lock, authenticated and with both streams up', () => {
    expect(daemonHealth(healthy)).toEqual({
      ok: true,
      state: 'healthy',
      reason: 'running, authenticated, both streams up',
    });
  });

  it('is not running without a record, after a stop, when the lock is free or the pid is gone', () => {
    expect(daemonHealth({ ...healthy, record: undefined, lock: { held: false } })).toMatchObject({
      ok: false,
      state: 'not running',
      reason: 'the daemon never ran on this root',
    });
    expect(
      daemonHealth({ ...healthy, record: { ...record, stopped: true }, lock: { held: false } }),
    ).toMatchObject({ state: 'not running', reason: 'the daemon was stopped' });
    expect(
      daemonHealth({
        ...healthy,
        record: { ...record, stopped: true, failure: 'boom' },
        lock: { held: false },
      }),
    ).toMatchObject({ state: 'not running', reason: 'the daemon exited: boom' });
    // SIGKILL: the record still looks alive, but nobody holds the root.
    expect(daemonHealth({ ...healthy, lock: { held: false }, pidAlive: false })).toMatchObject({
      state: 'not running',
      reason: 'the daemon (pid 42) is gone',
    });
    // The pid was reused by another process: the free lock still tells the truth.
    expect(daemonHealth({ ...healthy, lock: { held: false } })).toMatchObject({
      state: 'not running',
      reason: 'no daemon holds the root (pid 42 is some other process)',
    });
    expect(
      daemonHealth({ ...healthy, pidAlive: false, lock: { held: true, pid: null } }),
    ).toMatchObject({ state: 'not running' });
  });

  it('says a new daemon is starting when another pid holds the lock', () => {
    expect(daemonHealth({ ...healthy, lock: { held: true, pid: 77 } })).toMatchObject({
      state: 'not running',
      reason: 'pid 77 holds the root but has not reported yet (starting)',
    });
    expect(
      daemonHealth({ ...healthy, record: undefined, lock: { held: true, pid: 77 } }),
    ).toMatchObject({
      state: 'not running',
      reason: 'pid 77 holds the root but has not reported yet (starting)',
    });
  });

  it('flags a live holder whose heartbeat is stale (hung)', () => {
    expect(daemonHealth({ ...healthy, heartbeatAgeMs: 45_000 })).toMatchObject({
      ok: false,
      state: 'heartbeat stale',
      reason: 'pid 42 holds the root but its last heartbeat is 45 s old (hung?)',
    });
  });

  it('is not authenticated while the credentials are unknown or refused, running or exited', () => {
    expect(
      daemonHealth({ ...healthy, record: { ...record, credentials: 'unknown' } }),
    ).toMatchObject({ state: 'not authenticated' });
    // A record written before the field existed.
    const old: DaemonStatus = {
      pid: 42,
      tsStarted: 0,
      tsHeartbeat: 0,
      mode: 'normal',
      streams: record.streams,
      tsLastAudit: null,
      auditCount: 0,
      coverage: [],
    };
    expect(daemonHealth({ ...healthy, record: old })).toMatchObject({ state: 'not authenticated' });
    const refused = {
      ...record,
      credentials: 'refused' as const,
      stopped: true,
      failure: 'broker refused the credentials: request is not authorized',
    };
    expect(
      daemonHealth({ ...healthy, record: refused, lock: { held: false }, pidAlive: false }),
    ).toEqual({ ok: false, state: 'not authenticated', reason: refused.failure });
  });

  it('names the streams that are down', () => {
    expect(
      daemonHealth({
        ...healthy,
        record: { ...record, streams: { trading: 'up', market: 'down' } },
      }),
    ).toMatchObject({ state: 'streams down', reason: 'market stream down' });
    expect(
      daemonHealth({
        ...healthy,
        record: { ...record, streams: { trading: 'down', market: 'down' } },
      }),
    ).toMatchObject({ reason: 'trading and market streams down' });
  });
});
