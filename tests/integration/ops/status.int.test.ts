/**
 * `strikeline status` against the simulator: a position without stops is UNPROTECTED; once an OCO exit is
 * placed it is protected, with the OCO's prices; the mode follows HALT and the daemon's heartbeat in the store
 * (from a daemon that holds the root's lock: here the test process stands in for it). Exit codes and health:
 * tests/integration/ops/status-health.int.test.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireRootLock, type RootLock } from '../../../src/adapters/lock/root-lock.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { StatusReport } from '../../../src/jobs/ops/status.ts';
import { writeDaemonStatus } from '../../../src/records/daemon-status.ts';
import { openPositions, placeOco } from '../../support/ops.ts';
import { runCli } from '../../support/run-cli.ts';
import { control, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

let t: TestSimulator;
let env: Record<string, string>;
let lock: RootLock | undefined;

beforeAll(async () => {
  t = await startTestSimulator();
  env = { ...t.env, TRADING_DISABLED: '' };
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
  await openPositions(t, { AAPL: 10 });
});
afterAll(async () => {
  await lock?.release();
  await t.stop();
});

/** The report; exit 0 exactly when it says the daemon is healthy. */
const status = async (): Promise<StatusReport> => {
  const result = await runCli(['status', '--json'], env);
  const report = JSON.parse(result.stdout) as StatusReport;
  expect(result.code).toBe(report.health.ok ? 0 : 1);
  return report;
};

describe('strikeline status', () => {
  it('flags a position without stops as UNPROTECTED', async () => {
    const report = await status();
    expect(report.positions).toMatchObject([
      { symbol: 'AAPL', qty: 10, coverage: { state: 'UNPROTECTED', protectedQty: 0, orders: [] } },
    ]);
    expect(report.unprotected).toEqual(['AAPL']);
    expect(report.mode).toBe('daemon not running');
    expect(report.health.state).toBe('not running');
  });

  it('shows the position protected once an OCO exit is placed, and the daemon from its heartbeat', async () => {
    await placeOco(t, 'AAPL', 10, 120, 95);
    lock = await acquireRootLock(t.root);
    const store = openStore(join(t.root, 'state'));
    await writeDaemonStatus(store, {
      pid: process.pid,
      tsStarted: Date.now() - 60_000,
      tsHeartbeat: Date.now(),
      mode: 'normal',
      streams: { trading: 'up', market: 'up' },
      tsLastAudit: null,
      auditCount: 1,
      coverage: [],
      credentials: 'accepted',
    });
    await store.close();
    const report = await status();
    expect(report.positions).toMatchObject([
      {
        symbol: 'AAPL',
        coverage: {
          state: 'protected',
          protectedQty: 10,
          orders: [{ shape: 'oco', qty: 10, limitPrice: 120, stopPrice: 95, timeInForce: 'gtc' }],
        },
      },
    ]);
    expect(report.unprotected).toEqual([]);
    expect(report.mode).toBe('normal');
    expect(report.daemon).toMatchObject({ pid: process.pid, running: true });
    expect(report.health.ok).toBe(true);
    const text = await runCli(['status'], env);
    expect(text.stdout).toMatch(/10\/10\s+protected\s+OCO 10 tp \$120\.00 sl \$95\.00 gtc/);
    expect(text.stdout).toContain(`daemon       running, pid ${process.pid}`);
  });

  it('is halted while HALT exists', async () => {
    mkdirSync(join(t.root, 'killswitch'), { recursive: true });
    writeFileSync(
      join(t.root, 'killswitch', 'HALT'),
      JSON.stringify({ ts: '2024-05-01T13:40:00.000Z', who: 'ops', reason: 'review' }),
    );
    const halted = await status();
    expect(halted.mode).toBe('halted');
    expect(halted.killSwitch).toMatchObject({
      halted: true,
      file: { who: 'ops', reason: 'review' },
    });
  });
});
