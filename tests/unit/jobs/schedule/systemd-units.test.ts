/**
 * The systemd timers (jobs/schedule/systemd-units.ts): deploy/systemd/ holds exactly what the generator makes from
 * the default schedule, and systemd itself (systemd-analyze, where installed) places each timer at its New York time
 * on both sides of both DST changes, on a UTC machine and a New York machine alike.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../../../../src/config/schema.ts';
import { addDays, nyToEpoch } from '../../../../src/domain/time/ny-time.ts';
import { isWeekday } from '../../../../src/domain/schedule/job-schedule.ts';
import { scheduleTimes } from '../../../../src/jobs/schedule/schedule-times.ts';
import { systemdUnits } from '../../../../src/jobs/schedule/systemd-units.ts';
import { REPO } from '../../../support/run-cli.ts';

const DIR = join(REPO, 'deploy', 'systemd');
const PLACEHOLDERS = { root: '/opt/strikeline', node: '/usr/bin/env node', user: 'trader' };

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The next `n` elapses of a calendar spec after `base`, as systemd computes them, in ISO UTC. */
function elapses(spec: string, base: string, n: number, zone: string): string[] {
  const out = execFileSync(
    'systemd-analyze',
    ['calendar', `--iterations=${n}`, `--base-time=${base}`, spec],
    { encoding: 'utf8', env: { ...process.env, TZ: zone } },
  );
  return [
    ...out.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (\S+)/g),
  ].map((m) => {
    expect(m[2]).toMatch(zone === 'UTC' ? /^UTC$/ : /^E[SD]T$/);
    return m[1] ?? '';
  });
}

describe('systemd timers', () => {
  it('deploy/systemd/ is what the generator makes from the default schedule', () => {
    const units = systemdUnits({ ...PLACEHOLDERS, times: scheduleTimes(DEFAULT_CONFIG.schedule) });
    expect(readdirSync(DIR).sort()).toEqual(units.map((u) => u.name).sort());
    for (const u of units) expect(readFileSync(join(DIR, u.name), 'utf8'), u.name).toBe(u.text);
  });

  it('a time changed in schedule: changes its timer', () => {
    const units = systemdUnits({
      ...PLACEHOLDERS,
      times: scheduleTimes(configSchema.parse({ schedule: { trade: '10:05' } }).schedule),
    });
    expect(units.find((u) => u.name === 'strikeline-trade.timer')?.text).toContain(
      'OnCalendar=Mon..Fri *-*-* 10:05:00 America/New_York',
    );
  });

  it.skipIf(!hasSystemdAnalyze())(
    'systemd fires each timer at its New York time across both DST changes, on a UTC and a New York machine',
    () => {
      for (const t of scheduleTimes(DEFAULT_CONFIG.schedule)) {
        const spec =
          /OnCalendar=(.*)/.exec(
            readFileSync(join(DIR, `strikeline-${t.job}.timer`), 'utf8'),
          )?.[1] ?? '';
        for (const base of ['2024-03-08 00:00:00 UTC', '2024-11-01 00:00:00 UTC']) {
          const tsBase = Date.parse(base.replace(' UTC', 'Z').replace(' ', 'T'));
          // The next three New York weekdays whose time comes strictly after the base instant (as systemd counts).
          const days = [-1, 0, 1, 2, 3, 4, 5, 6]
            .map((k) => addDays(base.slice(0, 10), k))
            .filter((d) => isWeekday(d) && nyToEpoch(d, t.at) > tsBase)
            .slice(0, 3);
          const utc = elapses(spec, base, 3, 'UTC');
          expect(utc, `${t.job} from ${base}`).toEqual(
            days.map((d) =>
              new Date(nyToEpoch(d, t.at)).toISOString().replace('T', ' ').slice(0, 19),
            ),
          );
          const ny = elapses(spec, base, 3, 'America/New_York');
          expect(ny).toEqual(days.map((d) => `${d} ${t.at}:00`));
        }
      }
    },
  );
});
