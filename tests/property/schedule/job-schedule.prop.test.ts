/**
 * Invariants of the job schedule (domain/schedule/job-schedule.ts), for any instant of 2015-2035:
 * - a slot's instant reads, in New York, exactly its configured HH:MM on its date, on either side of a DST change;
 * - a job is decided `run` only on a New York weekday, from `leadMs` before its time until `maxLateMs` after it;
 * - ticks every minute (what cron does, in any zone) run each weekday slot exactly once, within a minute of its
 *   time, and never report one missed; an outage reports each slot it swallowed missed exactly once and runs the
 *   others once; no slot before the first tick is touched.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nyDate, nyToEpoch, nyWall } from '../../../src/domain/time/ny-time.ts';
import {
  decideJobs,
  isWeekday,
  slotsAround,
  SCHEDULED_JOBS,
  type JobTime,
} from '../../../src/domain/schedule/job-schedule.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) });
/** 04:00 to 23:59: New York's DST changes happen at 02:00, where a wall time may not exist or exist twice. */
const hhmm = fc
  .tuple(fc.integer({ min: 4, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const times = fc
  .uniqueArray(fc.constantFrom(...SCHEDULED_JOBS), { minLength: 1, maxLength: 5 })
  .chain((jobs) => fc.tuple(...jobs.map((job) => hhmm.map((at): JobTime => ({ job, at })))));
const limits = fc.record({
  maxLateMs: fc.integer({ min: 1, max: 720 }).map((m) => m * MINUTE),
  leadMs: fc.constantFrom(0, MINUTE),
});

describe('job slots', () => {
  test.prop([instant, times])('each slot falls on its New York wall time', (now, ts) => {
    for (const slot of slotsAround(now, ts)) {
      const wall = nyWall(slot.tsDue);
      expect(wall.date).toBe(slot.day);
      expect(`${String(wall.hh).padStart(2, '0')}:${String(wall.mm).padStart(2, '0')}`).toBe(
        slot.at,
      );
      expect(isWeekday(slot.day)).toBe(true);
    }
  });

  test.prop([instant, times, limits])(
    'run only on a weekday, from the lead before its time to the limit after',
    (now, ts, l) => {
      const decisions = decideJobs(now, { times: ts, ...l, tsSince: 0, recorded: () => false });
      for (const d of decisions) {
        const inWindow = now >= d.tsDue - l.leadMs && now < d.tsDue + l.maxLateMs;
        expect(d.action === 'run').toBe(inWindow);
        expect(d.action === 'missed').toBe(now >= d.tsDue + l.maxLateMs);
      }
    },
  );

  it('trade at 09:35 New York is 14:35Z in winter and 13:35Z in summer, the Mondays after both changes included', () => {
    const at = (day: string) => new Date(nyToEpoch(day, '09:35')).toISOString();
    expect(at('2024-03-08')).toBe('2024-03-08T14:35:00.000Z');
    expect(at('2024-03-11')).toBe('2024-03-11T13:35:00.000Z');
    expect(at('2024-11-01')).toBe('2024-11-01T13:35:00.000Z');
    expect(at('2024-11-04')).toBe('2024-11-04T14:35:00.000Z');
    expect(at('2025-03-10')).toBe('2025-03-10T13:35:00.000Z');
    expect(at('2025-11-03')).toBe('2025-11-03T14:35:00.000Z');
  });
});

interface Outcome {
  readonly key: string;
  readonly action: 'run' | 'missed';
  readonly tick: number;
  readonly tsDue: number;
}

/** Ticks every minute from `start` for `hours`, skipping [outageFrom, outageTo); records what each slot became. */
function simulate(
  start: number,
  hours: number,
  ts: readonly JobTime[],
  maxLateMs: number,
  outage: [number, number] | null,
): Outcome[] {
  const recorded = new Map<string, Outcome>();
  const first = Math.ceil(start / MINUTE) * MINUTE;
  for (let t = first; t < start + hours * HOUR; t += MINUTE) {
    if (outage !== null && t >= outage[0] && t < outage[1]) continue;
    const decisions = decideJobs(t, {
      times: ts,
      maxLateMs,
      leadMs: MINUTE,
      tsSince: first,
      recorded: (job, day) => recorded.has(`${day}|${job}`),
    });
    for (const d of decisions) {
      if (d.action === 'run' || d.action === 'missed')
        recorded.set(`${d.day}|${d.job}`, {
          key: `${d.day}|${d.job}`,
          action: d.action,
          tick: t,
          tsDue: d.tsDue,
        });
    }
  }
  return [...recorded.values()];
}

/** Instants around the DST changes (and ordinary days), so the simulated ticks cross them. */
const around = fc
  .constantFrom(
    '2024-03-08',
    '2024-03-09',
    '2024-11-01',
    '2024-11-02',
    '2025-03-07',
    '2025-10-31',
    '2024-05-01',
    '2025-01-09',
  )
  .chain((day) => fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => nyToEpoch(day) + m * MINUTE));

describe('ticks every minute', () => {
  test.prop([around, times, fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE)], {
    numRuns: 12,
  })(
    'run every weekday slot exactly once within a minute of its time, across DST changes',
    (start, ts, maxLateMs) => {
      const hours = 56;
      const outcomes = simulate(start, hours, ts, maxLateMs, null);
      const first = Math.ceil(start / MINUTE) * MINUTE;
      const expected = new Set<string>();
      for (
        let d = nyDate(first);
        d <= nyDate(start + hours * HOUR);
        d = nyDate(nyToEpoch(d) + 26 * HOUR)
      ) {
        if (!isWeekday(d)) continue;
        for (const t of ts) {
          const due = nyToEpoch(d, t.at);
          // A slot at the window's edge may be seen only in part: keep the ones wholly inside.
          if (due >= first + MINUTE && due < start + hours * HOUR - MINUTE)
            expected.add(`${d}|${t.job}`);
        }
      }
      for (const key of expected) {
        const o = outcomes.find((x) => x.key === key);
        expect(o?.action, key).toBe('run');
        if (o !== undefined) expect(Math.abs(o.tick - o.tsDue)).toBeLessThanOrEqual(MINUTE);
      }
      expect(outcomes.filter((o) => o.action === 'missed')).toEqual([]);
    },
  );

  test.prop(
    [
      around,
      times,
      fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE),
      fc.integer({ min: 1, max: 20 * 60 }).map((m) => m * MINUTE),
    ],
    { numRuns: 12 },
  )(
    'an outage reports each slot it swallowed missed once, and runs the others once',
    (start, ts, maxLateMs, outageMs) => {
      const outage: [number, number] = [start + 4 * HOUR, start + 4 * HOUR + outageMs];
      const outcomes = simulate(start, 30, ts, maxLateMs, outage);
      const first = Math.ceil(start / MINUTE) * MINUTE;
      const down = (t: number) => t >= outage[0] && t < outage[1];
      for (const o of outcomes) {
        // Ticks fall on whole minutes: the slot runs iff one of them inside its window found the box up.
        let reachable = false;
        for (
          let t = Math.ceil((o.tsDue - MINUTE) / MINUTE) * MINUTE;
          t < o.tsDue + maxLateMs;
          t += MINUTE
        )
          if (t >= first && !down(t)) reachable = true;
        expect(o.action, o.key).toBe(reachable ? 'run' : 'missed');
        if (o.action === 'run') expect(o.tick).toBeLessThan(o.tsDue + maxLateMs);
      }
      expect(new Set(outcomes.map((o) => o.key)).size).toBe(outcomes.length);
    },
  );
});
