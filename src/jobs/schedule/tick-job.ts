/**
 * @module `strikeline tick`, run every minute by cron or a systemd timer: reads the time (the broker's clock, the
 * machine's when the broker does not answer), runs each job whose New York time has come exactly once per New York
 * day (claimed in LMDB first), reports a job that can no longer run in time as missed and a run cut short (its
 * process gone) as interrupted. The jobs themselves check the broker's calendar: on a closed day they do nothing.
 */
import type { Config } from '../../config/schema.ts';
import { nyIso } from '../../domain/time/ny-time.ts';
import type { Logger, Mailer } from '../../domain/ports.ts';
import {
  decideJobs,
  type JobDecision,
  type ScheduledJob,
} from '../../domain/schedule/job-schedule.ts';
import type { Store } from '../../domain/store.ts';
import { scheduleRecords, type JobRun, type ScheduleRecords } from './schedule-records.ts';
import { maxLateMs, scheduleTimes } from './schedule-times.ts';

/** cron starts a tick at the machine's :00; one whose clock runs a little ahead waits for the job's minute. */
export const TICK_LEAD_MS = 60_000;

export interface TickTime {
  readonly ts: number;
  readonly clock: 'broker' | 'machine';
}

export interface TickDeps {
  readonly store: Store;
  readonly config: Config;
  readonly time: () => Promise<TickTime>;
  /** Runs the job to its end; resolves its exit code. */
  readonly runJob: (job: ScheduledJob) => Promise<number>;
  readonly sleep: (ms: number) => Promise<void>;
  /** The machine's clock, for durations only (a job's end is its start plus the time it took). */
  readonly wallNow: () => number;
  readonly isAlive: (pid: number) => boolean;
  readonly mailer: Mailer;
  readonly log: Logger;
  readonly pid: number;
  /** Only decide: nothing is recorded, run or alerted. */
  readonly dryRun: boolean;
  /** Run only this job (a systemd timer per job); the others are left to their own timers. */
  readonly only?: ScheduledJob;
}

export interface TickAction {
  readonly job: ScheduledJob;
  readonly day: string;
  readonly at: string;
  readonly scheduled: string;
  readonly action: 'run' | 'missed' | 'interrupted';
  readonly exitCode?: number;
  readonly clock: TickTime['clock'];
}

const baseRun = (d: JobDecision, clock: TickTime['clock']): Omit<JobRun, 'state' | 'detail'> => ({
  job: d.job,
  day: d.day,
  at: d.at,
  tsDue: d.tsDue,
  clock,
  tsStarted: null,
  tsEnded: null,
  pid: null,
  exitCode: null,
});

export async function runTick(deps: TickDeps): Promise<TickAction[]> {
  const time = await deps.time();
  const records = scheduleRecords(deps.store);
  const actions: TickAction[] = deps.dryRun
    ? []
    : await sweepInterrupted(deps, records, time.clock);
  const tsSince = await records.since(time.ts, !deps.dryRun);
  const decisions = decideJobs(time.ts, {
    times: scheduleTimes(deps.config.schedule).filter(
      (t) => deps.only === undefined || t.job === deps.only,
    ),
    maxLateMs: maxLateMs(deps.config.schedule),
    leadMs: TICK_LEAD_MS,
    tsSince,
    recorded: (job, day) => records.get(day, job) !== undefined,
  });
  let now = time.ts;
  for (const d of decisions) {
    const base = { job: d.job, day: d.day, at: d.at, scheduled: nyIso(d.tsDue), clock: time.clock };
    if (d.action === 'missed') {
      if (deps.dryRun || (await missed(deps, records, d, time)))
        actions.push({ ...base, action: 'missed' });
    } else if (d.action === 'run') {
      if (deps.dryRun) {
        actions.push({ ...base, action: 'run' });
        continue;
      }
      if (now < d.tsDue) {
        await deps.sleep(d.tsDue - now);
        now = d.tsDue;
      }
      const ran = await run(deps, records, d, time.clock, now);
      if (ran !== null) actions.push({ ...base, action: 'run', exitCode: ran });
    }
  }
  return actions;
}

/** Claims the slot, runs the job, records how it ended; null when another tick had claimed it. */
async function run(
  deps: TickDeps,
  records: ScheduleRecords,
  d: JobDecision,
  clock: TickTime['clock'],
  now: number,
): Promise<number | null> {
  const started: JobRun = {
    ...baseRun(d, clock),
    state: 'running',
    tsStarted: now,
    pid: deps.pid,
    detail: `started by the tick of ${nyIso(now)}`,
  };
  if (!(await records.claim(started))) return null;
  deps.log.info({ job: d.job, day: d.day, at: d.at }, 'scheduled job started');
  const wallStart = deps.wallNow();
  let exitCode: number;
  try {
    exitCode = await deps.runJob(d.job);
  } catch (e) {
    exitCode = -1;
    deps.log.error(
      { job: d.job, err: e instanceof Error ? e.message : String(e) },
      'scheduled job could not be started',
    );
  }
  const ended = now + (deps.wallNow() - wallStart);
  const ok = exitCode === 0;
  await records.update({
    ...started,
    state: ok ? 'done' : 'failed',
    exitCode,
    tsEnded: ended,
    detail: ok ? 'exit 0' : `exit ${exitCode}: see logs/cron-${d.job}.log`,
  });
  if (!ok) {
    await deps.mailer.alert({
      severity: 'warning',
      subject: `strikeline ${d.job} failed (exit ${exitCode})`,
      short: `strikeline ${d.job} of ${d.day} ${d.at} failed (exit ${exitCode}); see logs/cron-${d.job}.log`,
      text: `The scheduled ${d.job} of ${d.day} at ${d.at} New York ended with exit code ${exitCode}.\nIts output is in logs/cron-${d.job}.log.`,
    });
  }
  return exitCode;
}

async function missed(
  deps: TickDeps,
  records: ScheduleRecords,
  d: JobDecision,
  time: TickTime,
): Promise<boolean> {
  const late = Math.round((time.ts - d.tsDue) / 60_000);
  const detail = `not started by ${deps.config.schedule.max_late_min} min after ${d.at} New York (the first tick after it came ${late} min late): not run`;
  if (!(await records.claim({ ...baseRun(d, time.clock), state: 'missed', detail }))) return false;
  deps.log.error({ job: d.job, day: d.day, at: d.at, lateMin: late }, 'scheduled job missed');
  await deps.mailer.alert({
    severity: 'warning',
    subject: `strikeline ${d.job} missed (${d.day} ${d.at})`,
    short: `strikeline ${d.job} of ${d.day} ${d.at} NY missed: no tick ran in time (box down or cron stopped?)`,
    text: `The ${d.job} of ${d.day} at ${d.at} New York was ${detail}.\nCheck that the machine runs and that cron (or the systemd timer) starts strikeline tick every minute.`,
  });
  return true;
}

/** A record left `running` by a process that is gone: the job was cut short (reboot, kill); reported once. */
async function sweepInterrupted(
  deps: TickDeps,
  records: ScheduleRecords,
  clock: TickTime['clock'],
): Promise<TickAction[]> {
  const out: TickAction[] = [];
  for (const r of records.running()) {
    if (r.pid === null || deps.isAlive(r.pid)) continue;
    await records.update({
      ...r,
      state: 'interrupted',
      detail: `its tick (pid ${r.pid}) ended before the job did`,
    });
    deps.log.error({ job: r.job, day: r.day, pid: r.pid }, 'scheduled job interrupted');
    await deps.mailer.alert({
      severity: 'warning',
      subject: `strikeline ${r.job} interrupted (${r.day})`,
      short: `strikeline ${r.job} of ${r.day} was cut short (its process is gone); not run again`,
      text: `The ${r.job} of ${r.day} started but its process ended before it finished (a reboot or a kill).\nIt is not run again automatically: run it by hand if it is still needed.`,
    });
    out.push({
      job: r.job,
      day: r.day,
      at: r.at,
      scheduled: nyIso(r.tsDue),
      action: 'interrupted',
      clock,
    });
  }
  return out;
}
