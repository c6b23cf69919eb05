/**
 * The doctor's numeric thresholds, for any value:
 * - clock skew: ok at most 2 s either way, fail beyond 60 s, warn between; symmetric in its sign;
 * - disk: fail below 200 MB free, warn below 1 GB, ok from there; monotone (more room never judged worse);
 * - rate limit: fail exactly when the client's throttle exceeds the broker's limit; else warn exactly when under 20 % is left.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  HEADROOM_WARN,
  rateLimitCheck,
  SKEW_FAIL_MS,
  SKEW_WARN_MS,
  skewCheck,
} from '../../src/jobs/doctor/broker-checks.ts';
import { DISK_FAIL_BYTES, DISK_WARN_BYTES, diskCheck } from '../../src/jobs/doctor/state-checks.ts';

const RANK = { ok: 0, warn: 1, fail: 2 } as const;

describe('doctor thresholds', () => {
  test.prop([fc.integer({ min: -600_000, max: 600_000 })])('clock skew', (skew) => {
    const expected =
      Math.abs(skew) > SKEW_FAIL_MS ? 'fail' : Math.abs(skew) > SKEW_WARN_MS ? 'warn' : 'ok';
    expect(skewCheck(skew).status).toBe(expected);
    expect(skewCheck(-skew).status).toBe(expected);
  });

  test.prop([fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: 0, max: 2 ** 42 })])(
    'disk',
    (a, b) => {
      const [less, more] = a < b ? [a, b] : [b, a];
      expect(diskCheck('/r', a).status).toBe(
        a < DISK_FAIL_BYTES ? 'fail' : a < DISK_WARN_BYTES ? 'warn' : 'ok',
      );
      expect(RANK[diskCheck('/r', more).status]).toBeLessThanOrEqual(
        RANK[diskCheck('/r', less).status],
      );
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 20_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 60, max: 10_000 }),
  ])('rate limit', (limit, share, throttle) => {
    const remaining = Math.floor(limit * share);
    const expected = throttle > limit ? 'fail' : remaining < limit * HEADROOM_WARN ? 'warn' : 'ok';
    expect(rateLimitCheck({ limit, remaining }, throttle).status).toBe(expected);
  });
});
