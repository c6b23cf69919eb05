/**
 * The safety-mode SOP end to end: `strikeline stream` (the real CLI, as systemd runs it) against the simulator.
 * Its positions are protected; the streams drop for longer than grace_ms: the daemon flattens the account and
 * `strikeline status` says safety; once the streams are back and stable the daemon leaves safety mode, and the
 * journal tells the story. SIGTERM stops it cleanly (exit 0).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { StatusReport } from '../../../src/jobs/ops/status.ts';
import { filesWithSecrets, openPositions } from '../../support/ops.ts';
import { BIN, REPO, runCli } from '../../support/run-cli.ts';
import {
  TEST_KEY,
  TEST_SECRET,
  control,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
let daemon: ChildProcess;
let exited: Promise<number | null>;
let ready = false;

const CONFIG = `
protection:
  audit_interval_ms: 1000
  timer_interval_ms: 200
  clock_sync_ms: 1000
safety:
  grace_ms: 300
  stable_ms: 1000
  on_disconnect: flatten
`;

beforeAll(async () => {
  t = await startTestSimulator();
  mkdirSync(join(t.root, 'config'), { recursive: true });
  writeFileSync(join(t.root, 'config', 'config.yaml'), CONFIG);
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
  daemon = spawn(process.execPath, [BIN, 'stream'], {
    cwd: REPO,
    env: { ...process.env, ...t.env, LOG_LEVEL: 'debug', TRADING_DISABLED: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => daemon.once('exit', resolve));
  createInterface({ input: daemon.stdout! }).on('line', (line) => {
    if (line.includes('"event":"ready"')) ready = true;
  });
  await waitFor(() => ready, 20_000, 'the daemon ready line');
});
afterAll(async () => {
  if (daemon.exitCode === null) daemon.kill('SIGKILL');
  await exited;
  await t.stop();
});

const status = async (): Promise<StatusReport> =>
  JSON.parse((await runCli(['status', '--json'], t.env)).stdout) as StatusReport;
const journalActions = async (): Promise<string[]> => {
  const store = openStore(join(t.root, 'state'));
  try {
    return store.journal.list().map((e) => e.action);
  } finally {
    await store.close();
  }
};

describe('safety mode through strikeline stream', () => {
  it('protects, flattens when the streams stay down, reports safety, and resumes once stable', async () => {
    await openPositions(t, { AAPL: 10, MSFT: 5 });
    await waitFor(
      async () =>
        (await control(t.sim).state()).open_orders.filter((o) => o.order_class === 'oco').length ===
        2,
      10_000,
      'both positions protected',
    );
    // Refused long enough that `status` (a whole CLI start on a loaded machine) still finds safety mode on.
    await control(t.sim).faults({ kind: 'drop_streams', refuse_ms: 10_000 });
    await waitFor(
      async () => {
        const s = await control(t.sim).state();
        return s.positions.length === 0 && s.open_orders.length === 0;
      },
      10_000,
      'a flat account',
    );
    const during = await status();
    expect(during.mode).toBe('safety');
    expect(during.safety).toMatchObject({ active: true, onDisconnect: 'flatten' });
    await waitFor(
      async () => (await journalActions()).includes('safety_mode_exited'),
      30_000,
      'the end of safety mode',
    );
    const actions = await journalActions();
    expect(actions.indexOf('safety_mode_entered')).toBeLessThan(actions.indexOf('safety_flatten'));
    expect(actions.indexOf('safety_flatten')).toBeLessThan(actions.indexOf('safety_mode_exited'));
    const after = await waitFor(
      async () => {
        const s = await status();
        return s.mode === 'normal' ? s : undefined;
      },
      5_000,
      'normal mode in status',
    );
    expect(after.safety).toMatchObject({ active: false });
    expect((await control(t.sim).state()).open_orders).toEqual([]);
  }, 90_000);

  it('stops cleanly on SIGTERM and wrote no secret anywhere', async () => {
    daemon.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(filesWithSecrets(t.root, [TEST_SECRET, TEST_KEY])).toEqual([]);
  });
});
