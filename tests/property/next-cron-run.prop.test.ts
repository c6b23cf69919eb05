/**
 * nextCronRun, the doctor's "next run of each job": for any instant, zone and line (hours clear of DST gaps),
 * - the run is after the instant and within eight days;
 * - at the run the zone's wall clock reads the line's hour and minute, on one of its weekdays;
 * - no earlier minute between the instant and the run matches the line (it is the next one).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nextCronRun } from '../../src/jobs/doctor/next-cron-run.ts';

const ZONES = [
  'America/New_York',
  'UTC',
  'Europe/Berlin',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Australia/Sydney',
];
const wall = (ts: number, zone: string) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ts))
      .map((x) => [x.type, x.value]),
  );
  return {
    hour: Number(p.hour),
    minute: Number(p.minute),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday ?? ''),
  };
};

describe('nextCronRun', () => {
  test.prop([
    fc.integer({
      min: Date.parse('2020-01-01T00:00:00Z'),
      max: Date.parse('2035-01-01T00:00:00Z'),
    }),
    fc.constantFrom(...ZONES),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 4, max: 23 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
  ])(
    "fires next at the line's wall time on one of its weekdays",
    (now, zone, minute, hour, weekdays) => {
      const at = nextCronRun({ minute, hour, weekdays }, zone, now);
      expect(at).toBeDefined();
      if (at === undefined) return;
      expect(at).toBeGreaterThan(now);
      expect(at - now).toBeLessThanOrEqual(8 * 86_400_000);
      expect(wall(at, zone)).toEqual({
        hour,
        minute,
        weekday: expect.toSatisfy((d: number) => weekdays.includes(d)) as number,
      });
      // Every zone listed is a whole number of hours from UTC: the line's minute recurs hourly at this UTC minute.
      const first = Math.floor(now / 3_600_000) * 3_600_000 + minute * 60_000;
      for (let t = first <= now ? first + 3_600_000 : first; t < at; t += 3_600_000) {
        const w = wall(t, zone);
        expect(w.hour === hour && weekdays.includes(w.weekday)).toBe(false);
      }
    },
  );

  it('Friday evening New York: the trade line next fires Monday 09:35 EDT; a UTC machine fires it at 05:35 New York', () => {
    const friday = Date.parse('2024-05-03T20:00:00-04:00');
    const line = { minute: 35, hour: 9, weekdays: [1, 2, 3, 4, 5] };
    expect(new Date(nextCronRun(line, 'America/New_York', friday) ?? 0).toISOString()).toBe(
      '2024-05-06T13:35:00.000Z',
    );
    expect(new Date(nextCronRun(line, 'UTC', friday) ?? 0).toISOString()).toBe(
      '2024-05-06T09:35:00.000Z',
    );
  });

  it('across the spring DST change: 09:35 stays 09:35 New York', () => {
    const saturday = Date.parse('2024-03-09T12:00:00-05:00');
    expect(
      new Date(
        nextCronRun({ minute: 35, hour: 9, weekdays: [1] }, 'America/New_York', saturday) ?? 0,
      ).toISOString(),
    ).toBe('2024-03-11T13:35:00.000Z');
  });
});
