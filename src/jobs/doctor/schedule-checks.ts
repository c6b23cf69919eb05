/**
 * @module The doctor's schedule checks: this checkout's `strikeline tick` line installed as setup_cron.sh writes it
 * (every minute, a node that exists), a cron daemon to fire it, and when each job next runs. The tick decides in
 * New York time from config.yaml's `schedule:`, so the machine's zone and CRON_TZ do not matter. systemd timers
 * installed for this root (timer-checks.ts) stand in for the tick line and the cron daemon.
 */
import { existsSync } from 'node:fs';
import type { CronDaemon, Crontab } from '../../domain/diagnostics.ts';
import type { JobTime } from '../../domain/schedule/job-schedule.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import { checksOf, type DoctorCheck } from './doctor-check.ts';
import { nextCronRun } from './next-cron-run.ts';
import { timersFix, timersOf, type SystemdTimers, type TimerSet } from './timer-checks.ts';

const c = checksOf('schedules');
const NEW_YORK = 'America/New_York';
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

const TICK =
  /^\* \* \* \* \* cd '[^']*' && '([^']*)' bin\/strikeline\.js tick .*# strikeline:(.*)$/;
/** A per-job line of setup_cron.sh before the tick (`35 9 * * 1-5 ... bin/strikeline.js trade ...`). */
const PER_JOB =
  /^\d+ \d+ \* \* [\d,-]+ cd '[^']*' && '[^']*' bin\/strikeline\.js \S+ .*# strikeline:(.*)$/;

export interface CronLines {
  /** The node of this checkout's tick line, when there is one. */
  readonly tickNode: string | undefined;
  /** Per-job lines an older setup_cron.sh wrote for this checkout. */
  readonly perJobLines: number;
}

/** This checkout's lines (tagged `# strikeline:<checkout>`) in a crontab. */
export function cronLinesOf(text: string, checkout: string): CronLines {
  let tickNode: string | undefined;
  let perJobLines = 0;
  for (const line of text.split('\n').map((l) => l.trim())) {
    const tick = TICK.exec(line);
    if (tick?.[2] === checkout) tickNode ??= tick[1];
    else if (PER_JOB.exec(line)?.[1] === checkout) perJobLines += 1;
  }
  return { tickNode, perJobLines };
}

export interface ScheduleFacts {
  readonly checkout: string;
  readonly root: string;
  /** The node running the doctor: what setup_cron.sh would write now. */
  readonly node: string;
  readonly crontab: Crontab;
  /** The jobs' New York times (config.yaml's `schedule:`). */
  readonly times: readonly JobTime[];
  readonly daemon: CronDaemon;
  readonly machineZone: string;
  readonly now: number;
  readonly nodeExists?: (path: string) => boolean;
  /** The systemd timers installed on this machine (none where systemd is not). */
  readonly timers?: SystemdTimers;
}

const timesText = (times: readonly JobTime[]): string =>
  times.map((t) => `${t.job} ${t.at}`).join(', ');

function installedCheck(f: ScheduleFacts, lines: CronLines): DoctorCheck {
  const fix = `${f.checkout}/setup_cron.sh (it replaces its own lines and keeps yours)`;
  if (lines.tickNode === undefined) {
    const why =
      lines.perJobLines > 0
        ? `only the ${String(lines.perJobLines)} per-job lines of an older setup_cron.sh`
        : 'no strikeline tick line';
    return c.fail(
      'schedule.cron',
      `${why} for ${f.checkout} in ${f.crontab.ok ? f.crontab.source : 'the crontab'}: no job runs`,
      fix,
    );
  }
  if (!(f.nodeExists ?? existsSync)(lines.tickNode))
    return c.fail(
      'schedule.cron',
      `the tick line runs ${lines.tickNode}, which does not exist (a node upgraded by nvm?)`,
      fix,
    );
  const summary = `strikeline tick every minute runs ${timesText(f.times)} (New York, Mon-Fri)`;
  if (lines.perJobLines > 0)
    return c.warn(
      'schedule.cron',
      `${summary}; ${String(lines.perJobLines)} per-job lines of an older setup_cron.sh also run`,
      fix,
    );
  if (f.root !== f.checkout)
    return c.warn(
      'schedule.cron',
      `${summary}; it runs on ${f.checkout}, not on this root ${f.root}`,
      `set TRADING_SYSTEM_ROOT=${f.root} at the top of the crontab, or run the doctor from ${f.checkout}`,
    );
  if (lines.tickNode !== f.node)
    return c.warn(
      'schedule.cron',
      `${summary}; with ${lines.tickNode}, not ${f.node} (this node)`,
      fix,
    );
  return c.ok('schedule.cron', summary);
}

function daemonCheck(f: ScheduleFacts): DoctorCheck {
  if (f.daemon === 'none')
    return c.fail(
      'schedule.timezone',
      'no cron daemon is running: no job fires',
      'sudo systemctl enable --now cron (crond on Fedora/RHEL)',
    );
  return c.ok(
    'schedule.timezone',
    `${f.daemon} cron fires the tick every minute; the tick decides in New York time, whatever this machine's zone (${f.machineZone})`,
  );
}

function nextRunsCheck(f: ScheduleFacts): DoctorCheck {
  const runs = f.times.map((t) => {
    const [hour, minute] = t.at.split(':').map(Number);
    return {
      job: t.job,
      at: nextCronRun(
        { minute: minute ?? 0, hour: hour ?? 0, weekdays: WEEKDAYS },
        NEW_YORK,
        f.now,
      ),
    };
  });
  const text = runs
    .map(({ job, at }) => `${job} ${at === undefined ? 'never' : nyIso(at)}`)
    .join(', ');
  return c.ok('schedule.next_runs', `next runs (New York, holidays skipped by the tick): ${text}`);
}

/** The jobs fired by systemd timers: they stand in for the tick line and the cron daemon. */
function timerChecks(f: ScheduleFacts, timers: TimerSet): DoctorCheck[] {
  const fix = timersFix(f.times);
  if (timers.problems.length > 0)
    return [
      c.fail('schedule.cron', `systemd timers for ${f.root}: ${timers.problems.join('; ')}`, fix),
      c.notChecked('schedule.timezone', 'the timers are not all right'),
      c.notChecked('schedule.next_runs', 'the timers are not all right'),
    ];
  const tick = f.crontab.ok ? cronLinesOf(f.crontab.text, f.checkout).tickNode : undefined;
  const installed =
    tick === undefined
      ? c.ok('schedule.cron', timers.summary)
      : c.warn(
          'schedule.cron',
          `${timers.summary}; a strikeline tick line in ${f.crontab.ok ? f.crontab.source : 'the crontab'} runs them too (each job still runs once a day, by its claim)`,
          'use one: remove the tick line (crontab -e) or disable the timers',
        );
  const zone = c.ok(
    'schedule.timezone',
    `systemd fires each timer at its New York time (OnCalendar=... America/New_York), whatever this machine's zone (${f.machineZone})`,
  );
  return [installed, zone, nextRunsCheck(f)];
}

export function scheduleChecks(f: ScheduleFacts): DoctorCheck[] {
  const timers =
    f.timers === undefined ? null : timersOf(f.timers, f.root, f.times, f.nodeExists ?? existsSync);
  if (timers !== null) return timerChecks(f, timers);
  if (!f.crontab.ok)
    return [
      c.fail('schedule.cron', f.crontab.error, 'install cron, then run setup_cron.sh'),
      c.notChecked('schedule.timezone', 'no crontab'),
      c.notChecked('schedule.next_runs', 'no crontab'),
    ];
  const lines = cronLinesOf(f.crontab.text, f.checkout);
  const installed = installedCheck(f, lines);
  if (lines.tickNode === undefined)
    return [
      installed,
      daemonCheck(f),
      c.notChecked('schedule.next_runs', 'no tick line installed'),
    ];
  if (f.daemon === 'none')
    return [
      installed,
      daemonCheck(f),
      c.notChecked('schedule.next_runs', 'no cron daemon is running'),
    ];
  return [installed, daemonCheck(f), nextRunsCheck(f)];
}
