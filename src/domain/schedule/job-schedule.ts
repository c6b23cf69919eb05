/**
 * @module When each cron job is due, pure: its New York time on New York weekdays, once per day, and missed once
 * it is more than a limit late. The machine's own time zone never enters: instants are epoch ms and the wall
 * time is New York's (Intl), so a UTC box and a New York box decide alike, across both DST changes.
 */
import { addDays, nyDate, nyToEpoch } from '../time/ny-time.ts';

/** The jobs a tick runs, in the order of their day. */
export const SCHEDULED_JOBS = ['rank', 'trade', 'report', 'research', 'scan'] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

export interface JobTime {
  readonly job: ScheduledJob;
  /** New York wall time, HH:MM. */
  readonly at: string;
}

/** One job on one New York day. */
export interface JobSlot extends JobTime {
  readonly day: string;
  /** The instant its New York time falls on that day. */
  readonly tsDue: number;
}

/** wait: not yet; run: due now (or within the lead); missed: past the limit and never run; recorded: already decided. */
export type JobAction = 'wait' | 'run' | 'missed' | 'recorded';

export interface JobDecision extends JobSlot {
  readonly action: JobAction;
}

export interface DecideOptions {
  readonly times: readonly JobTime[];
  /** A slot not started this long after its time is missed. */
  readonly maxLateMs: number;
  /** A tick this much early (the machine's clock a little ahead of the broker's) waits for the time and runs it. */
  readonly leadMs: number;
  /** Slots due before this instant (the first tick ever) are none of the schedule's business. */
  readonly tsSince: number;
  /** Whether the slot already has a record (run, running, missed): each slot is decided once. */
  readonly recorded: (job: ScheduledJob, day: string) => boolean;
}

/** Monday to Friday, for a YYYY-MM-DD date. */
export function isWeekday(day: string): boolean {
  const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5;
}

/** The slots of yesterday and today (New York), weekdays only: a late window may cross midnight. */
export function slotsAround(now: number, times: readonly JobTime[]): JobSlot[] {
  const today = nyDate(now);
  return [addDays(today, -1), today]
    .filter(isWeekday)
    .flatMap((day) => times.map((t) => ({ ...t, day, tsDue: nyToEpoch(day, t.at) })))
    .sort((a, b) => a.tsDue - b.tsDue);
}

export function decideSlot(slot: JobSlot, now: number, o: DecideOptions): JobAction {
  if (o.recorded(slot.job, slot.day)) return 'recorded';
  if (now < slot.tsDue - o.leadMs) return 'wait';
  return now < slot.tsDue + o.maxLateMs ? 'run' : 'missed';
}

/** What a tick at `now` does with each slot around it, earliest first. */
export function decideJobs(now: number, o: DecideOptions): JobDecision[] {
  return slotsAround(now, o.times)
    .filter((slot) => slot.tsDue >= o.tsSince)
    .map((slot) => ({ ...slot, action: decideSlot(slot, now, o) }));
}
