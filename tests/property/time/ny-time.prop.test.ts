/**
 * The New York clock's fast path (one Intl reading per UTC hour) against Intl itself at every instant:
 * random instants from 1970 to 2100, and the instants around each DST change.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { nyIso, nyOffsetMinutes, nyToEpoch, nyWall } from '../../../src/domain/time/ny-time.ts';

const reference = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function intlWall(ts: number): { date: string; hh: number; mm: number; ss: number } {
  const p = Object.fromEntries(reference.formatToParts(new Date(ts)).map((x) => [x.type, x.value]));
  return {
    date: `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}`,
    hh: Number(p.hour),
    mm: Number(p.minute),
    ss: Number(p.second),
  };
}

const FROM = Date.UTC(1970, 0, 1);
const TO = Date.UTC(2100, 0, 1);
/** Every DST change from 2007 (the current US rule) to 2030: the second Sunday of March, the first of November, 2:00 local. */
const changes = Array.from({ length: 24 }, (_, k) => 2007 + k).flatMap((y) => [
  nyToEpoch(
    `${String(y)}-03-${String(8 + ((7 - new Date(Date.UTC(y, 2, 8)).getUTCDay()) % 7)).padStart(2, '0')}`,
    '03:00',
  ),
  nyToEpoch(
    `${String(y)}-11-${String(1 + ((7 - new Date(Date.UTC(y, 10, 1)).getUTCDay()) % 7)).padStart(2, '0')}`,
    '01:00',
  ) + 3_600_000,
]);

describe('New York time', () => {
  test.prop([fc.integer({ min: FROM, max: TO })], { numRuns: 2000 })(
    'the wall reading equals Intl at any instant',
    (ts) => {
      expect(nyWall(ts)).toEqual(intlWall(ts));
    },
  );

  test.prop([fc.constantFrom(...changes), fc.integer({ min: -7_200_000, max: 7_200_000 })], {
    numRuns: 2000,
  })('and within two hours of every DST change', (change, delta) => {
    expect(nyWall(change + delta)).toEqual(intlWall(change + delta));
  });

  test('the offset changes exactly at 2:00 local', () => {
    // 2024-03-10 07:00 UTC = 3:00 EDT; 2024-11-03 06:00 UTC = 1:00 EST.
    const spring = Date.UTC(2024, 2, 10, 7);
    const fall = Date.UTC(2024, 10, 3, 6);
    expect([nyOffsetMinutes(spring - 1), nyOffsetMinutes(spring)]).toEqual([-300, -240]);
    expect([nyOffsetMinutes(fall - 1), nyOffsetMinutes(fall)]).toEqual([-240, -300]);
    expect(nyIso(spring)).toBe('2024-03-10T03:00:00-04:00');
    expect(nyIso(spring - 1)).toBe('2024-03-10T01:59:59-05:00');
    expect(nyToEpoch('2024-11-03', '09:30')).toBe(Date.UTC(2024, 10, 3, 14, 30));
  });
});
