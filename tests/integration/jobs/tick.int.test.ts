/**
 * `strikeline tick` and `strikeline schedule` as cron runs them: child processes on a UTC machine and on a New York
 * machine (TZ in the child's environment), against the simulator's clock on the Mondays after both DST changes.
 * The same instant gives the same decision in both zones; trade is due at 09:35 New York, which is 13:35Z after
 * the spring change and 14:35Z after the autumn one; a real tick runs the job once and records it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { control, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const ZONES = ['UTC', 'America/New_York'] as const;
/** Each test starts two to four node processes one after another: on a shared, busy machine that outlasts 30 s. */
const CHILDREN_MS = 180_000;

let sim: TestSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function simAt(iso: string): Promise<TestSimulator> {
  sim = await startTestSimulator({ start: iso, symbols: ['SPY'] });
  return sim;
}

const tick = (s: TestSimulator, zone: string, args: readonly string[] = []) =>
  runCli(['tick', '--json', ...args], { ...s.env, TZ: zone });
const actions = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          job: string;
          action: string;
          scheduled: string;
          clock: string;
          exitCode?: number;
        },
    );

describe('strikeline tick on any machine zone', () => {
  it.each([
    ['after the spring change', '2024-03-11T13:35:00Z', '2024-03-11T09:35:00-04:00'],
    ['after the autumn change', '2024-11-04T14:35:00Z', '2024-11-04T09:35:00-05:00'],
  ])(
    '%s: trade is due at 09:35 New York on a UTC and a New York machine alike',
    async (_name, at, scheduled) => {
      const s = await simAt(at);
      const out = [];
      for (const zone of ZONES) {
        const r = await tick(s, zone, ['--dry-run']);
        expect(r.code, r.stderr).toBe(0);
        out.push(r.stdout);
      }
      expect(out[0]).toBe(out[1]);
      expect(actions(out[0] ?? '')).toEqual([
        {
          job: 'trade',
          day: at.slice(0, 10),
          at: '09:35',
          scheduled,
          action: 'run',
          clock: 'broker',
        },
      ]);
    },
    CHILDREN_MS,
  );

  it(
    'an hour early by the other offset, nothing is due in either zone',
    async () => {
      const s = await simAt('2024-11-04T13:35:00Z');
      for (const zone of ZONES) {
        const r = await tick(s, zone, ['--dry-run']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe('');
      }
    },
    CHILDREN_MS,
  );

  it(
    'a real tick on a UTC machine runs the due job once and records it; schedule shows the day',
    async () => {
      const s = await simAt('2024-03-11T10:00:00Z');
      const first = await tick(s, 'UTC');
      const ran = actions(first.stdout);
      // The tick exits as the job it ran: 1 when that job failed (docs/schedules.md).
      expect(first.code, first.stderr).toBe(ran[0]?.exitCode === 0 ? 0 : 1);
      expect(ran).toEqual([
        expect.objectContaining({
          job: 'rank',
          action: 'run',
          scheduled: '2024-03-11T06:00:00-04:00',
          clock: 'broker',
        }),
      ]);
      expect(existsSync(join(s.root, 'logs', 'cron-rank.log'))).toBe(true);
      expect(readFileSync(join(s.root, 'logs', 'cron-rank.log'), 'utf8')).toContain(
        'started by strikeline tick',
      );
      await control(s.sim).clock({ advance_ms: 30_000, quiet: true });
      const second = await tick(s, 'America/New_York');
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toBe('');
      const plan = await runCli(['schedule', '--json'], { ...s.env, TZ: 'UTC' });
      expect(plan.code, plan.stderr).toBe(0);
      const jobs = (
        JSON.parse(plan.stdout) as {
          jobs: Array<{ job: string; state: string; scheduled: string }>;
        }
      ).jobs;
      expect(jobs.map((j) => [j.job, j.scheduled])).toEqual([
        ['rank', '2024-03-11T06:00:00-04:00'],
        ['trade', '2024-03-11T09:35:00-04:00'],
        ['report', '2024-03-11T16:05:00-04:00'],
        ['research', '2024-03-11T16:30:00-04:00'],
        ['scan', '2024-03-11T20:00:00-04:00'],
      ]);
      expect(jobs[0]?.state).toBe(ran[0]?.exitCode === 0 ? 'done' : 'failed');
      expect(jobs.slice(1).map((j) => j.state)).toEqual([
        'upcoming',
        'upcoming',
        'upcoming',
        'upcoming',
      ]);
    },
    CHILDREN_MS,
  );
});
