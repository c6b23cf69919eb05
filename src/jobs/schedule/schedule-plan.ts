/** @module The day's schedule as `strikeline schedule` shows it: each job, its New York time, and what became of it. */
import type { Config } from '../../config/schema.ts';
import { nyDate, nyIso, nyToEpoch } from '../../domain/time/ny-time.ts';
import { decideSlot, isWeekday, type ScheduledJob } from '../../domain/schedule/job-schedule.ts';
import type { ScheduleRecords, JobRunState } from './schedule-records.ts';
import { maxLateMs, scheduleTimes } from './schedule-times.ts';
import { TICK_LEAD_MS } from './tick-job.ts';

export interface PlannedJob {
  readonly job: ScheduledJob;
  /** New York wall time, HH:MM. */
  readonly at: string;
  /** Its instant today (ISO with the New York offset). */
  readonly scheduled: string;
  readonly tsDue: number;
  /** The record's state; else upcoming (not yet), due (a tick will run it) or missed (too late, not recorded yet). */
  readonly state: JobRunState | 'upcoming' | 'due' | 'missed' | 'weekend';
  readonly detail: string;
}

export interface SchedulePlan {
  readonly day: string;
  readonly now: string;
  readonly clock: 'broker' | 'machine';
  readonly timezone: string;
  readonly maxLateMin: number;
  readonly jobs: readonly PlannedJob[];
}

export function schedulePlan(
  now: number,
  clock: SchedulePlan['clock'],
  config: Config,
  records: ScheduleRecords,
  tsSince: number,
): SchedulePlan {
  const day = nyDate(now);
  const o = {
    times: [],
    maxLateMs: maxLateMs(config.schedule),
    leadMs: TICK_LEAD_MS,
    tsSince,
    recorded: () => false,
  };
  const jobs = scheduleTimes(config.schedule)
    .map((t): PlannedJob => {
      const tsDue = nyToEpoch(day, t.at);
      const base = { ...t, tsDue, scheduled: nyIso(tsDue) };
      const run = records.get(day, t.job);
      if (run !== undefined) return { ...base, state: run.state, detail: run.detail };
      if (!isWeekday(day))
        return { ...base, state: 'weekend', detail: 'jobs run Monday to Friday' };
      const action = decideSlot({ ...base, day }, now, o);
      if (action === 'wait') return { ...base, state: 'upcoming', detail: '' };
      if (tsDue < tsSince)
        return { ...base, state: 'upcoming', detail: 'before the first tick: not scheduled today' };
      return action === 'run'
        ? { ...base, state: 'due', detail: 'the next tick runs it' }
        : { ...base, state: 'missed', detail: 'too late: the next tick reports it' };
    })
    .sort((a, b) => a.tsDue - b.tsDue);
  return {
    day,
    now: nyIso(now),
    clock,
    timezone: config.schedule.timezone,
    maxLateMin: config.schedule.max_late_min,
    jobs,
  };
}
