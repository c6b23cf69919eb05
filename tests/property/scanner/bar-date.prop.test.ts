/**
 * The session date of a daily bar (scanner/data/bar-date.ts) is computed with integer arithmetic for speed
 * (issue 19). Invariant: for every instant from 1800 to 2400, it equals the UTC date of the instant plus 12 hours
 * as the platform's Date prints it.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { barDate } from '../../../src/scanner/data/bar-date.ts';

const HALF_DAY_MS = 43_200_000;
const tsArb = fc.integer({ min: Date.UTC(1800, 0, 1), max: Date.UTC(2400, 0, 1) });

test.prop([tsArb])('equals the UTC date of ts + 12 h', (ts) => {
  expect(barDate({ ts })).toBe(new Date(ts + HALF_DAY_MS).toISOString().slice(0, 10));
});

test.prop([fc.integer({ min: -60_000, max: 150_000 }), fc.integer({ min: 0, max: 86_399_999 })])(
  'is the same at every millisecond of a day (midnight and the instant before it included)',
  (day, ms) => {
    const ts = day * 86_400_000 + ms - HALF_DAY_MS;
    expect(barDate({ ts })).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
  },
);
