/**
 * @module The doctor's view of the systemd timers, the alternative to cron (docs/schedules.md): this root's
 * `strikeline-job@.service` with a node systemd finds, and for every job of `schedule:` its timer, firing at the
 * configured New York time and enabled (linked from timers.target.wants, as `systemctl enable` does).
 */
import type { JobTime } from '../../domain/schedule/job-schedule.ts';
import { directive, nodeProblem, type UnitFileText } from './unit-checks.ts';

export interface SystemdTimers {
  /** The strikeline unit files under /etc/systemd/system (timers and the job service). */
  readonly units: readonly UnitFileText[];
  /** The timers enabled: the names linked in timers.target.wants. */
  readonly enabled: readonly string[];
}

export interface TimerSet {
  /** What is wrong, one phrase each; empty when every job fires on time. */
  readonly problems: readonly string[];
  readonly summary: string;
}

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
export const onCalendarOf = (t: JobTime): string => `Mon..Fri *-*-* ${t.at}:00 America/New_York`;

/** The timers of `root`, or null when no job service of strikeline runs on this root (cron, or nothing). */
export function timersOf(
  t: SystemdTimers,
  root: string,
  times: readonly JobTime[],
  exists: (path: string) => boolean,
): TimerSet | null {
  const service = t.units.find((u) => {
    if (baseName(u.path) !== 'strikeline-job@.service') return false;
    const env = /TRADING_SYSTEM_ROOT=(\S+)/.exec(u.text)?.[1];
    return (env ?? directive(u.text, 'WorkingDirectory')) === root;
  });
  if (service === undefined) return null;
  const problems: string[] = [];
  const node = nodeProblem(directive(service.text, 'ExecStart') ?? '', exists);
  if (node !== null) problems.push(`${service.path}: ${node}`);
  for (const job of times) {
    const name = `strikeline-${job.job}.timer`;
    const timer = t.units.find((u) => baseName(u.path) === name);
    if (timer === undefined) {
      problems.push(`no ${name}`);
      continue;
    }
    const calendar = directive(timer.text, 'OnCalendar');
    if (calendar !== onCalendarOf(job))
      problems.push(
        `${name} fires at "${calendar ?? 'nothing'}", not at ${job.at} New York as schedule: says`,
      );
    if (!t.enabled.includes(name)) problems.push(`${name} is not enabled`);
  }
  return {
    problems,
    summary: `systemd timers run ${times.map((j) => `${j.job} ${j.at}`).join(', ')} (New York, Mon-Fri)`,
  };
}

/** The commands that install and enable this configuration's timers. */
export const timersFix = (times: readonly JobTime[]): string =>
  `sudo strikeline schedule --systemd /etc/systemd/system && sudo systemctl daemon-reload && sudo systemctl enable --now ${times.map((j) => `strikeline-${j.job}.timer`).join(' ')}`;
