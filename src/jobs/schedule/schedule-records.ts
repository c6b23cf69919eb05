/**
 * @module The schedule's records in LMDB (table `schedule`): one per job and New York day, claimed atomically
 * (putIfAbsent) before the job starts, so two ticks never run a job twice; and the instant of the first tick,
 * before which nothing counts as missed. Read by `strikeline schedule`, `status` and the daemon's after-hours check.
 */
import type { ScheduledJob } from '../../domain/schedule/job-schedule.ts';
import type { Store, Table } from '../../domain/store.ts';

export const SCHEDULE_TABLE = 'schedule';
const SINCE_KEY = 'since';

export type JobRunState = 'running' | 'done' | 'failed' | 'missed' | 'interrupted';

export interface JobRun {
  readonly job: ScheduledJob;
  readonly day: string;
  /** The configured New York time, HH:MM. */
  readonly at: string;
  readonly tsDue: number;
  readonly state: JobRunState;
  /** Where the tick read the time: the broker's clock, or the machine's when the broker did not answer. */
  readonly clock: 'broker' | 'machine';
  readonly tsStarted: number | null;
  readonly tsEnded: number | null;
  readonly pid: number | null;
  readonly exitCode: number | null;
  readonly detail: string;
}

export const runKey = (day: string, job: ScheduledJob): string => `${day}|${job}`;

export interface ScheduleRecords {
  get(day: string, job: ScheduledJob): JobRun | undefined;
  /** Writes the record unless the slot has one; true when this call claimed it. */
  claim(run: JobRun): Promise<boolean>;
  update(run: JobRun): Promise<void>;
  /** Every record of a day, in the day's job order is not guaranteed: sort by tsDue to show them. */
  ofDay(day: string): JobRun[];
  running(): JobRun[];
  /** The first tick's instant, recorded by the first tick that asks. */
  since(ts: number, record: boolean): Promise<number>;
}

export function scheduleRecords(store: Store): ScheduleRecords {
  const table: Table<JobRun | { readonly ts: number }> = store.table(SCHEDULE_TABLE);
  const runs = (prefix?: string): JobRun[] =>
    table
      .entries(prefix)
      .flatMap(([key, value]) => (key !== SINCE_KEY && 'job' in value ? [value] : []));
  return {
    get: (day, job) => {
      const v = table.get(runKey(day, job));
      return v !== undefined && 'job' in v ? v : undefined;
    },
    claim: (run) => table.putIfAbsent(runKey(run.day, run.job), run),
    update: (run) => table.put(runKey(run.day, run.job), run),
    ofDay: (day) => runs(`${day}|`).sort((a, b) => a.tsDue - b.tsDue),
    running: () => runs().filter((r) => r.state === 'running'),
    since: async (ts, record) => {
      const found = table.get(SINCE_KEY);
      if (found !== undefined && 'ts' in found) return found.ts;
      if (!record) return ts;
      await table.putIfAbsent(SINCE_KEY, { ts });
      const now = table.get(SINCE_KEY);
      return now !== undefined && 'ts' in now ? now.ts : ts;
    },
  };
}
