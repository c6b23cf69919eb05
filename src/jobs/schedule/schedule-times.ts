/** @module The jobs' New York times as config.yaml's `schedule:` section states them: the one source of the times. */
import type { Config } from '../../config/schema.ts';
import { SCHEDULED_JOBS, type JobTime } from '../../domain/schedule/job-schedule.ts';

export const scheduleTimes = (schedule: Config['schedule']): JobTime[] =>
  SCHEDULED_JOBS.map((job) => ({ job, at: schedule[job] }));

export const maxLateMs = (schedule: Config['schedule']): number => schedule.max_late_min * 60_000;
