/** The doctor's daemon checks from `strikeline status`'s report: each way the daemon is not protecting, and a halt said. */
import { describe, expect, it } from 'vitest';
import { daemonChecks } from '../../../../src/jobs/doctor/daemon-checks.ts';
import type { DaemonView, StatusReport } from '../../../../src/jobs/ops/status.ts';
import { emptyRiskBook } from '../../../../src/domain/rules/risk/risk-book.ts';
import { riskView } from '../../../../src/domain/rules/risk/risk-view.ts';

const TS = Date.parse('2024-05-01T14:00:00Z');
const daemon = (over: Partial<DaemonView> = {}): DaemonView => ({
  pid: 4242,
  tsStarted: TS - 3_600_000,
  tsHeartbeat: TS - 2_000,
  mode: 'normal',
  streams: { trading: 'up', market: 'up' },
  tsLastAudit: TS - 5_000,
  stopped: false,
  running: true,
  heartbeatAgeMs: 2_000,
  pidAlive: true,
  credentials: 'accepted',
  failure: null,
  phase: null,
  ...over,
});
const report = (over: Partial<StatusReport> = {}): StatusReport => ({
  ts: TS,
  mode: 'normal',
  killSwitch: { halted: false, file: null, tradingDisabled: false },
  daemon: daemon(),
  health: { ok: true, state: 'healthy', reason: 'running, authenticated, both streams up' },
  lock: { held: true, pid: 4242 },
  safety: null,
  positions: [],
  unprotected: [],
  orphanOrders: [],
  brokerError: null,
  journal: [],
  risk: riskView(emptyRiskBook('2024-05-01'), TS, 0.5, null),
  regime: null,
  ...over,
});
const KS = { dir: '/srv/s/killswitch', whyNotWritable: null };
const byId = (r: StatusReport, ks: { dir: string; whyNotWritable: string | null } = KS) =>
  Object.fromEntries(daemonChecks(r, ks).map((k) => [k.id, k]));

describe('daemonChecks', () => {
  it('a healthy daemon: every check ok', () => {
    expect(daemonChecks(report(), KS).map((k) => [k.id, k.status])).toEqual([
      ['daemon.running', 'ok'],
      ['daemon.authenticated', 'ok'],
      ['daemon.streams', 'ok'],
      ['daemon.last_contact', 'ok'],
      ['daemon.positions', 'ok'],
      ['killswitch.writable', 'ok'],
    ]);
  });

  it('not running: fails with the reason, the rest not checked', () => {
    const c = byId(
      report({
        daemon: daemon({ running: false }),
        health: { ok: false, state: 'not running', reason: 'the daemon (pid 4242) is gone' },
      }),
    );
    expect(c['daemon.running']).toMatchObject({
      status: 'fail',
      summary: 'the daemon (pid 4242) is gone: no position is protected by it',
    });
    expect(c['daemon.streams']?.summary).toBe(
      'not checked: the daemon is not running (the daemon (pid 4242) is gone)',
    );
  });

  it('credentials refused or not yet accepted; a stream down; no audit yet', () => {
    expect(
      byId(report({ daemon: daemon({ credentials: 'refused', failure: 'HTTP 401' }) }))[
        'daemon.authenticated'
      ],
    ).toMatchObject({ status: 'fail', summary: 'the broker refused its credentials: HTTP 401' });
    expect(
      byId(report({ daemon: daemon({ credentials: 'unknown' }) }))['daemon.authenticated']?.status,
    ).toBe('warn');
    expect(
      byId(report({ daemon: daemon({ streams: { trading: 'up', market: 'down' } }) }))[
        'daemon.streams'
      ],
    ).toMatchObject({
      status: 'fail',
      summary: 'market stream down: fills and prices do not reach it',
    });
    expect(
      byId(report({ daemon: daemon({ tsLastAudit: null }) }))['daemon.last_contact']?.status,
    ).toBe('warn');
  });

  it('a position without a stop fails; a broker error leaves positions unchecked', () => {
    expect(byId(report({ unprotected: ['AAPL', 'MSFT'] }))['daemon.positions']).toMatchObject({
      status: 'fail',
      summary: 'not covered by a stop: AAPL, MSFT',
    });
    expect(byId(report({ brokerError: 'socket hang up' }))['daemon.positions']?.summary).toBe(
      'not checked: the broker could not list the positions: socket hang up',
    );
  });

  it('the kill switch: unwritable fails; a halt in force warns with who and why', () => {
    expect(
      byId(report(), { dir: KS.dir, whyNotWritable: 'EACCES: permission denied' })[
        'killswitch.writable'
      ]?.status,
    ).toBe('fail');
    const halted = byId(
      report({
        killSwitch: {
          halted: true,
          tradingDisabled: false,
          file: { ts: '2024-05-01T13:00:00Z', who: 'alice', reason: 'broker incident' },
        },
      }),
    );
    expect(halted['killswitch.writable']).toMatchObject({
      status: 'warn',
      summary:
        '/srv/s/killswitch writable; trading HALTED since 2024-05-01T13:00:00Z by alice: broker incident',
    });
  });
});
