/**
 * `strikeline stream` fails loudly (real processes against the simulator): a second daemon on a root exits 1
 * naming the holder's pid while status and halt keep working; a SIGKILLed daemon does not block the next start;
 * a wrong key at start and a key revoked while running end the daemon with exit 1 and one clear line, and
 * `strikeline status` then says the daemon is not authenticated (exit 1). Deadlines are generous; only
 * outcomes are asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../../src/jobs/ops/status.ts';
import { spawnDaemon, type DaemonProcess } from '../../support/daemon-process.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  TEST_KEY,
  TEST_SECRET,
  control,
  startTestSimulator,
  type TestSimulator,
} from '../../support/sim.ts';

const CONFIG =
  'protection:\n  audit_interval_ms: 1000\n  timer_interval_ms: 500\n  clock_sync_ms: 1000\n';
const WRONG = { ALPACA_API_KEY: 'PKWRONGKEY0001', ALPACA_SECRET_KEY: 'wrong-secret-value-0001' };
const ROTATED = { key: 'PKROTATEDKEY01', secret: 'rotated-secret-value-01' };
const REFUSED_LINE =
  'strikeline: broker refused the credentials: request is not authorized; check ALPACA_API_KEY and ALPACA_SECRET_KEY, then restart the daemon';

/** Each test starts two or three node processes: generous on a loaded machine, asserted on outcomes only. */
const PROCESS_TEST_MS = 180_000;

let t: TestSimulator | undefined;
const daemons: DaemonProcess[] = [];

async function simulator(): Promise<TestSimulator> {
  t = await startTestSimulator();
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
  mkdirSync(join(t.root, 'config'), { recursive: true });
  writeFileSync(join(t.root, 'config', 'config.yaml'), CONFIG);
  return t;
}

function daemon(env: Record<string, string>): DaemonProcess {
  const d = spawnDaemon(env);
  daemons.push(d);
  return d;
}

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

afterEach(async () => {
  for (const d of daemons.splice(0))
    if (d.proc.exitCode === null && d.proc.signalCode === null) d.proc.kill('SIGKILL');
  await t?.stop();
  t = undefined;
});

describe('one daemon per root', () => {
  it(
    'a second stream exits 1 naming the pid that holds the root; status and halt keep working',
    async () => {
      const sim = await simulator();
      const first = daemon(sim.env);
      await first.ready();

      const second = daemon(sim.env);
      expect(await second.exit()).toBe(1);
      expect(second.stderr).toEqual([
        `strikeline: another strikeline stream (pid ${first.proc.pid}) already runs on ${sim.root}: one daemon per root; stop it first (systemctl stop strikeline, or kill ${first.proc.pid})`,
      ]);
      expect(second.stdout).toEqual([]);

      const healthy = await status(sim.env);
      expect(healthy.code).toBe(0);
      expect(healthy.report.health).toMatchObject({ ok: true, state: 'healthy' });
      expect(healthy.report.lock).toEqual({ held: true, pid: first.proc.pid });
      expect(healthy.report.daemon).toMatchObject({
        pid: first.proc.pid,
        running: true,
        credentials: 'accepted',
      });

      const halt = await runCli(['halt', '--reason', 'drill'], sim.env);
      expect(halt.code).toBe(0);
      const halted = await status(sim.env);
      expect(halted.report.mode).toBe('halted');
      expect(halted.code).toBe(0);

      expect(first.proc.exitCode).toBeNull();
      first.proc.kill('SIGTERM');
      expect(await first.exit()).toBe(0);
      const stopped = await status(sim.env);
      expect(stopped.code).toBe(1);
      expect(stopped.report.health).toEqual({
        ok: false,
        state: 'not running',
        reason: 'the daemon was stopped',
      });
      expect(stopped.stderr).toBe('strikeline: daemon not running: the daemon was stopped\n');
    },
    PROCESS_TEST_MS,
  );

  it(
    'a daemon killed with SIGKILL does not block the next start',
    async () => {
      const sim = await simulator();
      const first = daemon(sim.env);
      await first.ready();
      first.proc.kill('SIGKILL');
      expect(await first.exit()).toBeNull();

      const gone = await status(sim.env);
      expect(gone.code).toBe(1);
      expect(gone.report.lock).toEqual({ held: false });
      expect(gone.report.health).toMatchObject({
        state: 'not running',
        reason: `the daemon (pid ${first.proc.pid}) is gone`,
      });

      const next = daemon(sim.env);
      expect(await next.ready()).toMatchObject({ pid: next.proc.pid });
      expect((await status(sim.env)).code).toBe(0);
      next.proc.kill('SIGTERM');
      expect(await next.exit()).toBe(0);
    },
    PROCESS_TEST_MS,
  );
});

describe('refused credentials', () => {
  it(
    'a wrong key at start: exit 1 with one clear line, and status says not authenticated',
    async () => {
      const sim = await simulator();
      const wrong = daemon({ ...sim.env, ...WRONG });
      expect(await wrong.exit()).toBe(1);
      expect(wrong.stderr).toEqual([REFUSED_LINE]);
      expect(wrong.stdout).toEqual([]);

      const after = await status(sim.env);
      expect(after.code).toBe(1);
      expect(after.report.health).toEqual({
        ok: false,
        state: 'not authenticated',
        reason: REFUSED_LINE.replace('strikeline: ', ''),
      });
      expect(after.report.daemon).toMatchObject({
        running: false,
        stopped: true,
        credentials: 'refused',
      });
      expect(JSON.stringify(after.report)).not.toContain(WRONG.ALPACA_SECRET_KEY);
    },
    PROCESS_TEST_MS,
  );

  it(
    'a key revoked while the daemon runs: exit 1 with the same clear line',
    async () => {
      const sim = await simulator();
      const running = daemon(sim.env);
      await running.ready();
      await control(sim.sim, { key: TEST_KEY, secret: TEST_SECRET }).faults({
        kind: 'rotate_credentials',
        ...ROTATED,
      });
      expect(await running.exit()).toBe(1);
      expect(running.stderr).toEqual([REFUSED_LINE]);
      const after = await status({
        ...sim.env,
        ALPACA_API_KEY: ROTATED.key,
        ALPACA_SECRET_KEY: ROTATED.secret,
      });
      expect(after.code).toBe(1);
      expect(after.report.health.state).toBe('not authenticated');
    },
    PROCESS_TEST_MS,
  );
});
