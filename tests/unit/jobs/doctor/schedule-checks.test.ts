/**
 * The doctor's schedule checks over a crontab as setup_cron.sh writes it: New York times on cronie (CRON_TZ) or on a
 * machine in New York; wrong times on Debian's cron or busybox elsewhere; jobs missing, moved, or run by a node gone.
 */
import { describe, expect, it } from 'vitest';
import { cronLinesOf, scheduleChecks, type ScheduleFacts } from '../../../../src/jobs/doctor/schedule-checks.ts';

const CHECKOUT = '/srv/strikeline';
const NODE = '/usr/local/bin/node';
const JOBS: ReadonlyArray<readonly [string, string]> = [['0 20', 'scan'], ['0 6', 'rank'], ['35 9', 'trade'], ['5 16', 'report'], ['30 16', 'research']];
const block = (node = NODE, jobs = JOBS, cronTz = true): string =>
  [
    `# BEGIN strikeline ${CHECKOUT} (managed by setup_cron.sh; changes inside are replaced)`,
    ...(cronTz ? ['CRON_TZ=America/New_York'] : []),
    ...jobs.map(([at, job]) => `${at} * * 1-5 cd '${CHECKOUT}' && '${node}' bin/strikeline.js ${job} >> '${CHECKOUT}/logs/cron-${job}.log' 2>&1 # strikeline:${CHECKOUT}`),
    `# END strikeline ${CHECKOUT}`,
    '',
  ].join('\n');

/** Friday 2024-05-03 12:00 New York. */
const NOW = Date.parse('2024-05-03T12:00:00-04:00');
const facts = (over: Partial<ScheduleFacts> = {}): ScheduleFacts => ({
  checkout: CHECKOUT,
  root: CHECKOUT,
  node: NODE,
  crontab: { ok: true, text: `MAILTO=me\n${block()}`, source: 'crontab -l' },
  expected: block(),
  daemon: 'cronie',
  machineZone: 'Etc/UTC',
  now: NOW,
  nodeExists: () => true,
  ...over,
});
const byId = (f: ScheduleFacts) => Object.fromEntries(scheduleChecks(f).map((k) => [k.id, k]));

describe('scheduleChecks', () => {
  it('reads the job lines of this checkout only, and the CRON_TZ line of its block', () => {
    const other = block().replaceAll(CHECKOUT, '/home/x/other');
    const { jobs, cronTz } = cronLinesOf(`${other}${block()}`, CHECKOUT);
    expect(jobs.map((j) => `${j.job} ${j.hour}:${j.minute} ${j.weekdays.join('')}`)).toEqual(['scan 20:0 12345', 'rank 6:0 12345', 'trade 9:35 12345', 'report 16:5 12345', 'research 16:30 12345']);
    expect(cronTz).toBe(true);
  });

  it('cronie with CRON_TZ on a UTC machine: ok, and the next runs in New York time', () => {
    const c = byId(facts());
    expect(c['schedule.cron']).toMatchObject({ status: 'ok', summary: '5 jobs installed: scan 20:00, rank 06:00, trade 09:35, report 16:05, research 16:30 Mon-Fri' });
    expect(c['schedule.timezone']?.status).toBe('ok');
    expect(c['schedule.next_runs']).toMatchObject({ status: 'ok', summary: 'next runs (New York): scan 2024-05-03T20:00:00-04:00, rank 2024-05-06T06:00:00-04:00, trade 2024-05-06T09:35:00-04:00, report 2024-05-03T16:05:00-04:00, research 2024-05-03T16:30:00-04:00' });
  });

  it('Debian\'s cron ignores CRON_TZ: on a UTC machine the jobs fire at the wrong New York times; in New York they are right', () => {
    const utc = byId(facts({ daemon: 'vixie' }));
    expect(utc['schedule.timezone']).toMatchObject({ status: 'fail', summary: 'Debian\'s/Ubuntu\'s cron ignores CRON_TZ and this machine is on Etc/UTC: the jobs fire at the wrong New York times' });
    expect(utc['schedule.next_runs']).toMatchObject({ status: 'fail', summary: expect.stringContaining('trade 2024-05-06T05:35:00-04:00') as string });
    const ny = byId(facts({ daemon: 'vixie', machineZone: 'America/New_York' }));
    expect([ny['schedule.timezone']?.status, ny['schedule.next_runs']?.status]).toEqual(['ok', 'ok']);
  });

  it('no cron daemon, no CRON_TZ line, busybox elsewhere: fail', () => {
    expect(byId(facts({ daemon: 'none' }))['schedule.timezone']?.summary).toBe('no cron daemon is running: no job fires');
    expect(byId(facts({ crontab: { ok: true, text: block(NODE, JOBS, false), source: 'f' } }))['schedule.timezone']?.summary).toMatch(/^the block has no CRON_TZ line/);
    expect(byId(facts({ daemon: 'busybox', machineZone: 'Europe/Berlin' }))['schedule.timezone']?.status).toBe('fail');
  });

  it('missing, moved, a node gone, another node, another root', () => {
    expect(byId(facts({ crontab: { ok: true, text: 'MAILTO=me\n', source: 'crontab -l' } }))['schedule.cron']).toMatchObject({ status: 'fail', summary: `no strikeline cron lines for ${CHECKOUT} in crontab -l: no job runs` });
    expect(byId(facts({ crontab: { ok: true, text: block(NODE, JOBS.slice(0, 3)), source: 'f' } }))['schedule.cron']?.summary).toBe('not installed: report, research');
    expect(byId(facts({ crontab: { ok: true, text: block().replace('35 9 ', '35 10 '), source: 'f' } }))['schedule.cron']?.summary).toBe('trade at 10:35 instead of 09:35 Mon-Fri');
    expect(byId(facts({ nodeExists: () => false }))['schedule.cron']).toMatchObject({ status: 'fail', summary: `the cron lines run ${NODE}, which does not exist (a node upgraded by nvm?)` });
    expect(byId(facts({ node: '/opt/node22/bin/node' }))['schedule.cron']?.status).toBe('warn');
    expect(byId(facts({ root: '/srv/paper' }))['schedule.cron']?.summary).toMatch(/they run on \/srv\/strikeline, not on this root \/srv\/paper$/);
  });

  it('no crontab command: fail, the rest not checked', () => {
    expect(scheduleChecks(facts({ crontab: { ok: false, error: 'the crontab command is missing' } })).map((k) => k.status)).toEqual(['fail', 'fail', 'fail']);
  });
});
