/**
 * The doctor's schedule checks over a crontab as setup_cron.sh writes it: one `strikeline tick` line that decides
 * in New York time, so the machine's zone does not matter; the line missing, an older per-job install, a node gone,
 * another node, another root; no cron daemon.
 */
import { describe, expect, it } from 'vitest';
import { cronLinesOf, scheduleChecks, type ScheduleFacts } from '../../../../src/jobs/doctor/schedule-checks.ts';
import { SCHEDULED_JOBS } from '../../../../src/domain/schedule/job-schedule.ts';

const CHECKOUT = '/srv/strikeline';
const NODE = '/usr/local/bin/node';
const block = (node = NODE, checkout = CHECKOUT): string =>
  [
    `# BEGIN strikeline ${checkout} (managed by setup_cron.sh; changes inside are replaced)`,
    `* * * * * cd '${checkout}' && '${node}' bin/strikeline.js tick >> '${checkout}/logs/cron-tick.log' 2>&1 # strikeline:${checkout}`,
    `# END strikeline ${checkout}`,
    '',
  ].join('\n');
const OLD_LINE = `35 9 * * 1-5 cd '${CHECKOUT}' && '${NODE}' bin/strikeline.js trade >> '${CHECKOUT}/logs/cron-trade.log' 2>&1 # strikeline:${CHECKOUT}`;
const TIMES = [{ job: 'rank', at: '06:00' }, { job: 'trade', at: '09:35' }, { job: 'report', at: '16:05' }, { job: 'research', at: '16:30' }, { job: 'scan', at: '20:00' }] as const;

/** Friday 2024-05-03 12:00 New York. */
const NOW = Date.parse('2024-05-03T12:00:00-04:00');
const facts = (over: Partial<ScheduleFacts> = {}): ScheduleFacts => ({
  checkout: CHECKOUT,
  root: CHECKOUT,
  node: NODE,
  crontab: { ok: true, text: `MAILTO=me\n${block()}`, source: 'crontab -l' },
  times: TIMES,
  daemon: 'vixie',
  machineZone: 'Etc/UTC',
  now: NOW,
  nodeExists: () => true,
  ...over,
});
const byId = (f: ScheduleFacts) => Object.fromEntries(scheduleChecks(f).map((k) => [k.id, k]));

describe('scheduleChecks', () => {
  it('reads the tick line of this checkout only, and counts an older install\'s per-job lines', () => {
    expect(cronLinesOf(`${block(NODE, '/home/x/other')}${block()}`, CHECKOUT)).toEqual({ tickNode: NODE, perJobLines: 0 });
    expect(cronLinesOf(`${OLD_LINE}\n`, CHECKOUT)).toEqual({ tickNode: undefined, perJobLines: 1 });
    expect(TIMES.map((t) => t.job).sort()).toEqual([...SCHEDULED_JOBS].sort());
  });

  it('Debian\'s cron on a UTC machine: ok, the tick decides in New York time; the next runs in New York time', () => {
    const c = byId(facts());
    expect(c['schedule.cron']).toMatchObject({ status: 'ok', summary: 'strikeline tick every minute runs rank 06:00, trade 09:35, report 16:05, research 16:30, scan 20:00 (New York, Mon-Fri)' });
    expect(c['schedule.timezone']?.status).toBe('ok');
    expect(c['schedule.next_runs']).toMatchObject({
      status: 'ok',
      summary: 'next runs (New York, holidays skipped by the tick): rank 2024-05-06T06:00:00-04:00, trade 2024-05-06T09:35:00-04:00, report 2024-05-03T16:05:00-04:00, research 2024-05-03T16:30:00-04:00, scan 2024-05-03T20:00:00-04:00',
    });
  });

  it('no cron daemon: fail, and no next run', () => {
    const c = byId(facts({ daemon: 'none' }));
    expect(c['schedule.timezone']).toMatchObject({ status: 'fail', summary: 'no cron daemon is running: no job fires' });
    expect(c['schedule.next_runs']?.status).toBe('fail');
  });

  it('missing, an older install, a node gone, another node, another root', () => {
    expect(byId(facts({ crontab: { ok: true, text: 'MAILTO=me\n', source: 'crontab -l' } }))['schedule.cron']).toMatchObject({ status: 'fail', summary: `no strikeline tick line for ${CHECKOUT} in crontab -l: no job runs` });
    expect(byId(facts({ crontab: { ok: true, text: `${OLD_LINE}\n`, source: 'f' } }))['schedule.cron']?.summary).toBe(`only the 1 per-job lines of an older setup_cron.sh for ${CHECKOUT} in f: no job runs`);
    expect(byId(facts({ crontab: { ok: true, text: `${OLD_LINE}\n${block()}`, source: 'f' } }))['schedule.cron']?.status).toBe('warn');
    expect(byId(facts({ nodeExists: () => false }))['schedule.cron']).toMatchObject({ status: 'fail', summary: `the tick line runs ${NODE}, which does not exist (a node upgraded by nvm?)` });
    expect(byId(facts({ node: '/opt/node22/bin/node' }))['schedule.cron']?.status).toBe('warn');
    expect(byId(facts({ root: '/srv/paper' }))['schedule.cron']?.summary).toMatch(/it runs on \/srv\/strikeline, not on this root \/srv\/paper$/);
  });

  it('no crontab command: fail, the rest not checked', () => {
    expect(scheduleChecks(facts({ crontab: { ok: false, error: 'the crontab command is missing' } })).map((k) => k.status)).toEqual(['fail', 'fail', 'fail']);
  });
});
