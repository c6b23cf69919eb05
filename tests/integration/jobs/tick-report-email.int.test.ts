/**
 * The 16:05 schedule end to end (issue 14): `strikeline tick` as cron runs it, against the simulator's clock at
 * 16:05 New York on a trading day, runs `report --email`, and the daily digest with its why-no-trade section reaches
 * a real SMTP server. A tick whose report cannot be mailed (the SMTP server unreachable) exits 1 with one line.
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { startSmtpSink } from '../../support/ops.ts';
import { control, startTestSimulator, waitFor, type TestSimulator } from '../../support/sim.ts';
import { writeCsv } from './jobs-support.ts';

/** Several node processes one after another: on a shared, busy machine that outlasts the default timeout. */
const CHILDREN_MS = 180_000;
type Action = { job: string; action: string; scheduled: string; exitCode?: number };
const actions = (stdout: string): Action[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Action);

/**
 * A trading day (Wednesday 2024-05-01): `trade` runs at 09:35 on a CSV; cron's tick of 16:03:30 finds nothing due
 * (the schedule starts at a machine's first tick: slots before it are not caught up); the clock moves to 16:05.
 */
async function dayTraded(ctx: TestContext, env: Record<string, string>): Promise<TestSimulator> {
  const t = await startTestSimulator({ start: '2024-05-01T13:35:00Z' });
  ctx.onTestFinished(() => t.stop());
  writeCsv(t.root, [{ ticker: 'AAPL' }, { ticker: 'MSFT', strategy: 'momentum' }]);
  const traded = await runCli(['trade'], { ...t.env, TRADING_DISABLED: '' });
  expect(traded.code, traded.stderr).toBe(0);
  await control(t.sim).clock({ to: '2024-05-01T20:03:30Z', quiet: true });
  const idle = await runCli(['tick', '--json'], { ...t.env, ...env, TZ: 'UTC' });
  expect(idle.code, idle.stderr).toBe(0);
  expect(idle.stdout).toBe('');
  await control(t.sim).clock({ to: '2024-05-01T20:05:00Z', quiet: true });
  return t;
}

describe('the 16:05 tick mails the daily digest', () => {
  it(
    'runs report --email at 16:05 New York; the digest arrives with its why-no-trade section',
    async (ctx) => {
      const smtp = await startSmtpSink();
      ctx.onTestFinished(() => smtp.close());
      const t = await dayTraded(ctx, smtp.env);
      const r = await runCli(['tick', '--json'], { ...t.env, ...smtp.env, TZ: 'UTC' });
      expect(r.code, r.stderr).toBe(0);
      expect(actions(r.stdout)).toEqual([
        {
          job: 'report',
          day: '2024-05-01',
          at: '16:05',
          scheduled: '2024-05-01T16:05:00-04:00',
          action: 'run',
          clock: 'broker',
          exitCode: 0,
        },
      ]);
      const digest = await waitFor(
        () => smtp.mails.find((m) => m.to.includes('ops@example.com')),
        5_000,
        'the digest',
      );
      // Quoted-printable folds long lines wherever it likes (`=` at the end of a line): unfold before reading.
      const text = digest.raw.replace(/=\r?\n/g, '');
      expect(text).toMatch(/Subject: \[strikeline\] Daily report 2024-05-01/);
      expect(text).toContain('Why no trade');
      // The day's trade run: momentum has no allocation in the shipped config, so its signal is refused (issue 14).
      expect(text).toMatch(/funnel: raw 2 -> regime 2 -> correlation 2 -> risk 1 -> executed 1/);
      expect(text).toContain('no_allocation');
      const again = await runCli(['tick', '--json'], { ...t.env, ...smtp.env, TZ: 'UTC' });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toBe('');
    },
    CHILDREN_MS,
  );

  it(
    'a tick whose digest cannot be mailed exits 1 with one line naming the report',
    async (ctx) => {
      const smtp = await startSmtpSink();
      const closedPort = smtp.env.SMTP_PORT;
      await smtp.close();
      const unreachable = { ...smtp.env, SMTP_PORT: closedPort };
      const t = await dayTraded(ctx, unreachable);
      const r = await runCli(['tick', '--json'], { ...t.env, ...unreachable, TZ: 'UTC' });
      expect(r.code).toBe(1);
      expect(actions(r.stdout)).toEqual([
        expect.objectContaining({ job: 'report', action: 'run', exitCode: 1 }),
      ]);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(
        'strikeline: scheduled job failed: report (exit 1; see logs/cron-report.log)',
      );
      const plan = await runCli(['schedule', '--json'], { ...t.env, TZ: 'UTC' });
      const jobs = (JSON.parse(plan.stdout) as { jobs: Array<{ job: string; state: string }> })
        .jobs;
      expect(jobs.find((j) => j.job === 'report')?.state).toBe('failed');
    },
    CHILDREN_MS,
  );
});
