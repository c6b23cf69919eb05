/**
 * @module The doctor's schedule checks: this checkout's cron lines installed as setup_cron.sh writes them (the same
 * times, a node that exists), read at New York times by this machine's cron (cronie honours CRON_TZ; Debian's cron
 * and busybox read the machine's zone), and when each job next runs, in New York time.
 */
import { existsSync } from 'node:fs';
import type { CronDaemon, Crontab } from '../../domain/diagnostics.ts';
import { nyIso, nyWall } from '../../domain/time/ny-time.ts';
import { checksOf, type DoctorCheck } from './doctor-check.ts';
import { nextCronRun } from './next-cron-run.ts';

const c = checksOf('schedules');
const NEW_YORK = 'America/New_York';
const NEW_YORK_ALIASES = new Set([NEW_YORK, 'US/Eastern', 'EST5EDT']);

export interface CronJobLine {
  readonly job: string;
  readonly minute: number;
  readonly hour: number;
  readonly weekdays: readonly number[];
  readonly node: string;
}

const LINE = /^(\d+) (\d+) \* \* ([\d,-]+) cd '[^']*' && '([^']*)' bin\/strikeline\.js (\S+) .*# strikeline:(.*)$/;

function weekdaysOf(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    const end = to ?? from ?? 0;
    return Array.from({ length: end - (from ?? 0) + 1 }, (_, i) => ((from ?? 0) + i) % 7);
  });
}

/** The job lines setup_cron.sh wrote for `checkout` (tagged `# strikeline:<checkout>`), and whether its block sets CRON_TZ. */
export function cronLinesOf(text: string, checkout: string): { readonly jobs: CronJobLine[]; readonly cronTz: boolean } {
  const lines = text.split('\n');
  const jobs = lines.flatMap((line) => {
    const m = LINE.exec(line.trim());
    if (m?.[6] !== checkout) return [];
    return [{ minute: Number(m[1]), hour: Number(m[2]), weekdays: weekdaysOf(m[3] ?? ''), node: m[4] ?? '', job: m[5] ?? '' }];
  });
  const begin = lines.findIndex((l) => l.startsWith(`# BEGIN strikeline ${checkout} `));
  return { jobs, cronTz: begin >= 0 && lines[begin + 1]?.trim() === `CRON_TZ=${NEW_YORK}` };
}

const hhmm = (l: { minute: number; hour: number }): string => `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;

export interface ScheduleFacts {
  readonly checkout: string;
  readonly root: string;
  /** The node running the doctor: what setup_cron.sh would write now. */
  readonly node: string;
  readonly crontab: Crontab;
  /** setup_cron.sh --print over an empty crontab. */
  readonly expected: string;
  readonly daemon: CronDaemon;
  readonly machineZone: string;
  readonly now: number;
  readonly nodeExists?: (path: string) => boolean;
}

function installedCheck(f: ScheduleFacts, jobs: readonly CronJobLine[], expected: readonly CronJobLine[]): DoctorCheck {
  const fix = `${f.checkout}/setup_cron.sh (it replaces its own lines and keeps yours)`;
  const missing = expected.filter((e) => !jobs.some((j) => j.job === e.job)).map((e) => e.job);
  if (missing.length === expected.length) return c.fail('schedule.cron', `no strikeline cron lines for ${f.checkout} in ${f.crontab.ok ? f.crontab.source : 'the crontab'}: no job runs`, fix);
  if (missing.length > 0) return c.fail('schedule.cron', `not installed: ${missing.join(', ')}`, fix);
  const moved = expected.flatMap((e) => jobs.filter((j) => j.job === e.job && (hhmm(j) !== hhmm(e) || j.weekdays.join() !== e.weekdays.join())).map((j) => `${j.job} at ${hhmm(j)} instead of ${hhmm(e)} Mon-Fri`));
  if (moved.length > 0) return c.fail('schedule.cron', moved.join('; '), fix);
  const gone = [...new Set(jobs.map((j) => j.node))].filter((n) => !(f.nodeExists ?? existsSync)(n));
  if (gone.length > 0) return c.fail('schedule.cron', `the cron lines run ${gone.join(', ')}, which does not exist (a node upgraded by nvm?)`, fix);
  const summary = `${jobs.length} jobs installed: ${jobs.map((j) => `${j.job} ${hhmm(j)}`).join(', ')} Mon-Fri`;
  if (f.root !== f.checkout) return c.warn('schedule.cron', `${summary}; they run on ${f.checkout}, not on this root ${f.root}`, `set TRADING_SYSTEM_ROOT=${f.root} at the top of the crontab, or run the doctor from ${f.checkout}`);
  if (jobs.some((j) => j.node !== f.node)) return c.warn('schedule.cron', `${summary}; with ${jobs[0]?.node ?? '?'}, not ${f.node} (this node)`, fix);
  return c.ok('schedule.cron', summary);
}

/** The zone the daemon reads the lines in: New York when it honours CRON_TZ and the block sets it, else the machine's. */
function effectiveZone(f: ScheduleFacts, cronTz: boolean): string {
  return f.daemon === 'cronie' && cronTz ? NEW_YORK : f.machineZone;
}

function zoneCheck(f: ScheduleFacts, cronTz: boolean): DoctorCheck {
  if (f.daemon === 'none') return c.fail('schedule.timezone', 'no cron daemon is running: no job fires', 'sudo systemctl enable --now cron (crond on Fedora/RHEL)');
  const zone = effectiveZone(f, cronTz);
  if (NEW_YORK_ALIASES.has(zone)) return c.ok('schedule.timezone', f.daemon === 'cronie' && cronTz ? 'cronie reads the lines in New York time (CRON_TZ)' : `the machine's zone is ${zone}: ${f.daemon} cron fires at New York times`);
  const why = cronTz ? `${f.daemon === 'vixie' ? 'Debian\'s/Ubuntu\'s' : 'busybox\'s'} cron ignores CRON_TZ` : 'the block has no CRON_TZ line';
  return c.fail('schedule.timezone', `${why} and this machine is on ${zone}: the jobs fire at the wrong New York times`, 'sudo timedatectl set-timezone America/New_York (then restart cron), or install cronie');
}

function nextRunsCheck(f: ScheduleFacts, jobs: readonly CronJobLine[], cronTz: boolean): DoctorCheck {
  if (f.daemon === 'none') return c.notChecked('schedule.next_runs', 'no cron daemon is running');
  const zone = effectiveZone(f, cronTz);
  const runs = jobs.map((j) => ({ job: j, at: nextCronRun(j, zone, f.now) }));
  const text = runs.map(({ job, at }) => `${job.job} ${at === undefined ? 'never' : nyIso(at)}`).join(', ');
  const wrong = runs.filter(({ job, at }) => at === undefined || (() => { const w = nyWall(at); return w.hh !== job.hour || w.mm !== job.minute; })());
  if (wrong.length > 0) return c.fail('schedule.next_runs', `next runs (New York): ${text}`, 'see schedule.timezone');
  return c.ok('schedule.next_runs', `next runs (New York): ${text}`);
}

export function scheduleChecks(f: ScheduleFacts): DoctorCheck[] {
  if (!f.crontab.ok) return [c.fail('schedule.cron', f.crontab.error, 'install cron, then run setup_cron.sh'), c.notChecked('schedule.timezone', 'no crontab'), c.notChecked('schedule.next_runs', 'no crontab')];
  const { jobs, cronTz } = cronLinesOf(f.crontab.text, f.checkout);
  const expected = cronLinesOf(f.expected, f.checkout).jobs;
  const installed = installedCheck(f, jobs, expected);
  if (jobs.length === 0) return [installed, zoneCheck(f, cronTz), c.notChecked('schedule.next_runs', 'no job installed')];
  return [installed, zoneCheck(f, cronTz), nextRunsCheck(f, jobs, cronTz)];
}
