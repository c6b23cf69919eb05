/**
 * `strikeline doctor` as a person runs it: the real binary against the simulator (official SDK, real sockets), a
 * real SMTP server for --send-test, a crontab file written by setup_cron.sh. A box made ready passes every check
 * this machine allows (cron's daemon and zone are the machine's own); broken ones fail the check they break, with
 * its fix, and the exit code is 1. Each check's every other failing case is in the unit tests of its module.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { open } from 'lmdb';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRootLock, type RootLock } from '../../../src/adapters/lock/root-lock.ts';
import { runningCronDaemon } from '../../../src/adapters/system/cron-facts.ts';
import type { DoctorCheck } from '../../../src/jobs/doctor/doctor-check.ts';
import type { DoctorReport } from '../../../src/jobs/doctor/doctor-report.ts';
import { openPositions, startSmtpSink, smsBody } from '../../support/ops.ts';
import { REPO, runCli } from '../../support/run-cli.ts';
import {
  control,
  startTestSimulator,
  TEST_KEY,
  TEST_SECRET,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';
import { OPEN_TS, startHarness, type Harness } from '../daemon/daemon-harness.ts';

const CLI_TEST_MS = 180_000;
const IDS = [
  'env.file',
  'env.permissions',
  'env.variables',
  'env.secrets',
  'config.valid',
  'config.allocations',
  'broker.credentials',
  'broker.account',
  'broker.mode',
  'broker.clock_skew',
  'broker.market_data',
  'broker.rate_limit',
  'daemon.running',
  'daemon.authenticated',
  'daemon.streams',
  'daemon.last_contact',
  'daemon.positions',
  'killswitch.writable',
  'daemon.unit',
  'schedule.cron',
  'schedule.timezone',
  'schedule.next_runs',
  'state.store',
  'state.schema',
  'state.disk',
  'state.checkpoint',
  'logs.writable',
  'alerts.smtp',
  'alerts.recipients',
  'research.regime',
  'research.candidates',
  'research.checkpoints',
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The .env of a root (mode 600 unless said), with the variables given. */
function writeDotEnv(root: string, vars: Record<string, string>, mode = 0o600): void {
  writeFileSync(
    join(root, '.env'),
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  chmodSync(join(root, '.env'), mode);
}

/** setup_cron.sh's lines for this checkout in a crontab file, as `./setup_cron.sh` installs them. */
function installCron(root: string): string {
  const file = join(root, 'crontab');
  execFileSync('bash', [join(REPO, 'setup_cron.sh')], {
    env: { ...process.env, STRIKELINE_CRONTAB_FILE: file, STRIKELINE_NODE: process.execPath },
  });
  return file;
}

/** A port nothing listens on: taken from the OS, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

async function doctor(args: string[], env: Record<string, string>) {
  const result = await runCli(['doctor', '--json', ...args], { ...env, LOG_LEVEL: 'warn' });
  const report = JSON.parse(result.stdout) as DoctorReport;
  const check = (id: string): DoctorCheck => {
    const found = report.checks.find((k) => k.id === id);
    if (found === undefined) throw new Error(`no check ${id}`);
    return found;
  };
  return { ...result, report, check };
}

describe('strikeline doctor', () => {
  it(
    'a ready box: every check ok but what the machine decides (its cron daemon and zone); --send-test mails an email and an SMS',
    async () => {
      const h: Harness = await startHarness();
      const lock: RootLock = await acquireRootLock(h.t.root);
      const smtp = await startSmtpSink();
      cleanups.push(
        () => h.stop(),
        () => lock.release(),
        () => smtp.close(),
      );
      const daemon = h.startDaemon();
      await daemon.ready();
      await h.buy('AAPL', 5);
      await waitFor(
        async () => (await h.openOrders('AAPL')).some((o) => o.side === 'sell'),
        15_000,
        'the protective orders',
      );
      const ALPACA_ENDPOINT = h.t.sim.urls.rest;
      const TRADING_SYSTEM_ROOT = h.t.root;
      writeDotEnv(h.t.root, {
        ALPACA_API_KEY: TEST_KEY,
        ALPACA_SECRET_KEY: TEST_SECRET,
        ALPACA_ENDPOINT,
        ...smtp.env,
      });
      const crontab = installCron(h.t.root);

      const r = await doctor(['--send-test'], {
        TRADING_SYSTEM_ROOT,
        STRIKELINE_CRONTAB_FILE: crontab,
      });
      const recipients = IDS.indexOf('alerts.recipients') + 1;
      expect(r.report.checks.map((k) => k.id)).toEqual([
        ...IDS.slice(0, recipients),
        'alerts.test',
        ...IDS.slice(recipients),
      ]);
      const machineDecides = new Set(['schedule.cron', 'schedule.timezone', 'schedule.next_runs']);
      // The shipped allocations leave four enabled strategies at 0 %: the doctor says they will never trade.
      const unfunded = new Set(['config.allocations']);
      for (const k of r.report.checks.filter(
        (x) => !machineDecides.has(x.id) && !unfunded.has(x.id),
      ))
        expect({ id: k.id, status: k.status, fix: k.fix }).toEqual({
          id: k.id,
          status: 'ok',
          fix: null,
        });
      expect(r.check('config.allocations')).toMatchObject({
        status: 'warn',
        summary: expect.stringMatching(
          /^enabled strategies sum to 100 %: .*; enabled with allocation_pct 0, so they never open positions .*: rsi_mean_reversion, ma_crossover, momentum, ml_momentum$/,
        ) as string,
        fix: expect.stringMatching(/enabled: false/) as string,
      });
      expect(r.report.trading).toBe('simulator');
      expect(r.check('env.permissions').summary).toBe('mode 600: only its owner reads it');
      expect(r.check('broker.mode').summary).toBe(
        `neither Alpaca host (the simulator or a proxy), no real money: ${ALPACA_ENDPOINT}`,
      );
      expect(r.check('broker.rate_limit').summary).toMatch(
        /^\d+ of 10000 requests left this minute; the client keeps to 200\/min/,
      );
      expect(r.check('daemon.running').summary).toMatch(
        new RegExp(`^pid ${process.pid}, the only daemon on this root`),
      );
      expect(r.check('daemon.positions').summary).toBe('1 position(s), each covered by a stop');
      // The crontab's lines run on the checkout, not on this test's root: said, not failed.
      expect(r.check('schedule.cron')).toMatchObject({
        status: 'warn',
        summary: expect.stringMatching(
          /^strikeline tick every minute runs rank 06:00, trade 09:35, report 16:05, research 16:30, scan 20:00 \(New York, Mon-Fri\); it runs on /,
        ) as string,
      });
      if (runningCronDaemon() === 'none') {
        expect(r.check('schedule.timezone')).toMatchObject({
          status: 'fail',
          summary: 'no cron daemon is running: no job fires',
        });
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
          'strikeline: doctor: 2 checks failed: schedule.timezone, schedule.next_runs\n',
        );
      }
      expect(r.check('alerts.test').summary).toBe(
        'email to ops@example.com handed to the server; sms to 5551234567@vtext.com handed to the server: check that they arrived',
      );
      expect(smtp.mails.map((m) => m.to)).toEqual(
        expect.arrayContaining([['ops@example.com'], ['5551234567@vtext.com']]),
      );
      const sms = smtp.mails.find((m) => m.to[0] === '5551234567@vtext.com');
      expect(sms === undefined ? '' : smsBody(sms)).toMatch(
        /^strikeline test alert from .+: alerts reach this phone$/,
      );
      expect(r.stdout).not.toContain(TEST_SECRET);
    },
    CLI_TEST_MS,
  );

  it(
    'a broken environment: .env readable by others, a secret too short, allocations summing to 90, the crontab of an older install; nothing else is trusted',
    async () => {
      const temp = makeTempRoot('strikeline-doctor-');
      cleanups.push(() => {
        temp.cleanup();
      });
      writeDotEnv(temp.root, { SMTP_HOST: '127.0.0.1', SMTP_PASS: 'short7c' }, 0o644);
      mkdirSync(join(temp.root, 'config'));
      writeFileSync(
        join(temp.root, 'config', 'config.yaml'),
        'strategies:\n  mean_reversion:\n    allocation_pct: 20\n',
      );
      const crontab = installCron(temp.root);
      // An older setup_cron.sh wrote one line per job; the tick line is not there.
      writeFileSync(
        crontab,
        readFileSync(crontab, 'utf8').replace(
          /^\* \* \* \* \* (.*) bin\/strikeline\.js tick (.*)$/m,
          '35 9 * * 1-5 $1 bin/strikeline.js trade $2',
        ),
      );

      const r = await doctor([], {
        TRADING_SYSTEM_ROOT: temp.root,
        STRIKELINE_CRONTAB_FILE: crontab,
        ALPACA_API_KEY: '',
        ALPACA_SECRET_KEY: '',
        APCA_API_KEY_ID: '',
        APCA_API_SECRET_KEY: '',
      });
      expect(r.code).toBe(1);
      expect(r.report.ok).toBe(false);
      expect(r.report.trading).toBeNull();
      expect(r.check('env.permissions')).toMatchObject({
        status: 'fail',
        summary: 'mode 644: other accounts on this machine can read the broker keys',
        fix: `chmod 600 ${join(temp.root, '.env')}`,
      });
      expect(r.check('env.variables')).toMatchObject({
        status: 'fail',
        summary: 'ALPACA_API_KEY and ALPACA_SECRET_KEY not set',
      });
      expect(r.check('env.secrets')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(/^SMTP_PASS is shorter than 8 characters/) as string,
      });
      expect(r.check('config.valid').status).toBe('fail');
      expect(r.check('config.allocations')).toMatchObject({
        status: 'fail',
        fix: expect.stringMatching(/sum to 100/) as string,
      });
      for (const id of [
        'broker.credentials',
        'daemon.running',
        'state.store',
        'alerts.smtp',
        'research.regime',
      ])
        expect(r.check(id)).toEqual(
          expect.objectContaining({
            status: 'fail',
            summary: 'not checked: the environment is refused (see environment)',
            fix: null,
          }),
        );
      expect(r.check('schedule.cron')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /^only the 1 per-job lines of an older setup_cron\.sh for .*: no job runs$/,
        ) as string,
      });
      expect(r.stderr.split('\n').at(-2)).toMatch(
        /^strikeline: doctor: \d+ checks failed: env\.permissions, env\.variables, env\.secrets, config\.valid, config\.allocations, /,
      );
      expect(r.stdout + r.stderr).not.toContain('short7c');
    },
    CLI_TEST_MS,
  );

  it(
    'the simulator behind a box: no daemon, a position unprotected, SMTP down, the rate limit below the throttle, research files refused, no cron lines',
    async () => {
      const t: TestSimulator = await startTestSimulator({ rateLimitPerMinute: 1_000 });
      cleanups.push(() => t.stop());
      await control(t.sim).clock({ to: OPEN_TS, quiet: true });
      await openPositions(t, { AAPL: 3 });
      mkdirSync(join(t.root, 'config'));
      writeFileSync(
        join(t.root, 'config', 'config.yaml'),
        'broker:\n  requests_per_minute: 2000\nresearch:\n  promoted: [gp_0123456789ab]\n',
      );
      const research = join(t.root, 'data', 'research');
      mkdirSync(join(research, 'regime'), { recursive: true });
      writeFileSync(
        join(research, 'regime', 'model.json'),
        '{"format":"strikeline-regime-hmm","version":0}',
      );
      mkdirSync(join(research, 'checkpoints', 'gp'), { recursive: true });
      writeFileSync(
        join(research, 'checkpoints', 'gp', 'island-0.json'),
        '{"format":"strikeline-gp-checkpoint","version":99}',
      );
      const closedPort = await freePort();

      const r = await doctor(['--send-test'], {
        ...t.env,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(closedPort),
        ALERT_EMAIL_TO: 'ops@example.com',
        STRIKELINE_CRONTAB_FILE: join(t.root, 'no-crontab'),
      });
      expect(r.code).toBe(1);
      expect(r.check('env.file').status).toBe('warn');
      expect(r.check('broker.credentials').status).toBe('ok');
      expect(r.check('broker.rate_limit')).toMatchObject({
        status: 'fail',
        fix: 'lower broker.requests_per_minute in config/config.yaml to 1000 or less',
      });
      expect(r.check('daemon.running')).toMatchObject({
        status: 'fail',
        summary: 'the daemon never ran on this root: no position is protected by it',
      });
      expect(r.check('daemon.positions')).toMatchObject({
        status: 'fail',
        summary: 'not covered by a stop: AAPL',
      });
      expect(r.check('schedule.cron')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(/^no strikeline tick line for /) as string,
        fix: expect.stringMatching(/setup_cron\.sh/) as string,
      });
      expect(r.check('alerts.smtp')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          new RegExp(`^SMTP 127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`),
        ) as string,
      });
      expect(r.check('alerts.recipients')).toMatchObject({
        status: 'warn',
        summary: 'alerts go to email ops@example.com; none by sms',
      });
      expect(r.check('alerts.test')).toMatchObject({
        status: 'fail',
        summary: 'not checked: the SMTP server is not usable',
      });
      expect(r.check('research.regime')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /version 0; this strikeline reads strikeline-regime-hmm version 1/,
        ) as string,
      });
      expect(r.check('research.candidates')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /research\.promoted names gp_0123456789ab, but .* does not exist/,
        ) as string,
      });
      expect(r.check('research.checkpoints')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /island-0\.json is strikeline-gp-checkpoint version 99/,
        ) as string,
      });
    },
    CLI_TEST_MS,
  );

  it(
    'systemd timers written by `strikeline schedule --systemd` and enabled stand in for cron; one not enabled fails',
    async () => {
      const temp = makeTempRoot();
      cleanups.push(() => {
        temp.cleanup();
      });
      const units = join(temp.root, 'systemd');
      mkdirSync(join(units, 'timers.target.wants'), { recursive: true });
      const env = {
        TRADING_SYSTEM_ROOT: temp.root,
        STRIKELINE_SYSTEMD_DIR: units,
        STRIKELINE_CRONTAB_FILE: join(temp.root, 'no-crontab'),
      };
      const written = await runCli(['schedule', '--systemd', units], env);
      expect(written.code).toBe(0);
      const timers = ['rank', 'trade', 'report', 'research', 'scan'].map(
        (j) => `strikeline-${j}.timer`,
      );
      for (const t of timers) symlinkSync(join(units, t), join(units, 'timers.target.wants', t));

      const r = await doctor([], env);
      expect(r.check('schedule.cron')).toMatchObject({
        status: 'ok',
        summary:
          'systemd timers run rank 06:00, trade 09:35, report 16:05, research 16:30, scan 20:00 (New York, Mon-Fri)',
      });
      expect(r.check('schedule.timezone').status).toBe('ok');
      expect(r.check('schedule.next_runs').summary).toMatch(
        /^next runs \(New York, holidays skipped by the tick\): rank /,
      );

      rmSync(join(units, 'timers.target.wants', 'strikeline-trade.timer'));
      const off = await doctor([], env);
      expect(off.check('schedule.cron')).toMatchObject({
        status: 'fail',
        summary: `systemd timers for ${temp.root}: strikeline-trade.timer is not enabled`,
        fix: expect.stringMatching(/systemctl enable --now strikeline-rank\.timer/) as string,
      });
    },
    CLI_TEST_MS,
  );

  it(
    'credentials refused, the data feed unreachable, a store written by a newer strikeline, the kill switch unwritable',
    async () => {
      const t: TestSimulator = await startTestSimulator();
      cleanups.push(() => t.stop());
      const state = open({ path: join(t.root, 'state'), maxDbs: 64 });
      await state.openDB<number, string>({ name: 'meta' }).put('schema_version', 99);
      await state.close();
      writeFileSync(join(t.root, 'killswitch'), 'a file where the directory belongs');
      const closedPort = await freePort();

      const r = await doctor([], {
        ...t.env,
        ALPACA_SECRET_KEY: 'not-the-secret',
        ALPACA_DATA_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      });
      expect(r.code).toBe(1);
      expect(r.check('broker.credentials')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /^the broker refused the credentials \(HTTP 40[13]\)$/,
        ) as string,
      });
      expect(r.check('broker.account').summary).toMatch(
        /^not checked: the broker refused the credentials/,
      );
      expect(r.check('broker.market_data')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          new RegExp(`^iex feed at http://127\\.0\\.0\\.1:${closedPort}: `),
        ) as string,
      });
      expect(r.check('state.store').status).toBe('fail');
      expect(r.check('state.schema')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /has schema version 99, newer than this strikeline \(1\)/,
        ) as string,
      });
      expect(r.check('daemon.running').summary).toBe('not checked: the state store does not open');
      expect(r.check('killswitch.writable')).toMatchObject({
        status: 'fail',
        summary: expect.stringMatching(
          /killswitch is not writable: strikeline halt could not stop trading \(ENOTDIR/,
        ) as string,
      });
      expect(r.stdout + r.stderr).not.toContain('not-the-secret');
    },
    CLI_TEST_MS,
  );
});
