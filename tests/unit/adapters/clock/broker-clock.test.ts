import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  createBrokerClock,
  MAX_EVENT_LEAD_MS,
} from '../../../../src/adapters/clock/broker-clock.ts';

const report = (tsNow: number) => ({
  kind: 'ClockReport' as const,
  tsNow,
  isOpen: true,
  tsNextOpen: 0,
  tsNextClose: 0,
});

describe('createBrokerClock', () => {
  it("takes the broker's time at the first sync, then runs on local time", () => {
    let local = 5_000;
    const clock = createBrokerClock({ local: () => local });
    expect(clock.now()).toBe(5_000);
    clock.sync(report(1_000));
    expect(clock.now()).toBe(1_000);
    local += 250;
    expect(clock.now()).toBe(1_250);
    expect(clock.lastReport()?.tsNow).toBe(1_000);
  });

  it('moves forward to an event timestamp within the lead, and never back on an older one', () => {
    let local = 0;
    const clock = createBrokerClock({ local: () => local });
    clock.sync(report(1_000));
    expect(clock.observe(2_500)).toBe(true);
    expect(clock.now()).toBe(2_500);
    expect(clock.observe(2_000)).toBe(true);
    expect(clock.now()).toBe(2_500);
    local += 2_000;
    expect(clock.now()).toBe(4_500);
  });

  it('refuses one frame far ahead (it asks the broker instead); a sync drops the lead, and time never runs back', () => {
    let local = 0;
    const clock = createBrokerClock({ local: () => local });
    clock.sync(report(1_000));
    // A year ahead: the clock does not move.
    expect(clock.observe(1_000 + 365 * 86_400_000)).toBe(false);
    expect(clock.now()).toBe(1_000);
    clock.observe(2_000);
    expect(clock.now()).toBe(2_000);
    // The broker says 1.5 s: the 2 s reached stays (never backwards) until the broker's time passes it.
    clock.sync(report(1_500));
    expect(clock.now()).toBe(2_000);
    local += 600;
    expect(clock.now()).toBe(2_100);
  });

  test.prop([
    fc.integer({ min: 0, max: 1e12 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: -1e11, max: 1e11 })), {
      maxLength: 50,
    }),
  ])(
    'between syncs, no sequence of frames puts the clock more than the lead ahead of the synced estimate, and it never runs backwards',
    (start, steps) => {
      let local = 0;
      const clock = createBrokerClock({ local: () => local });
      clock.sync(report(start));
      let previous = clock.now();
      for (const [elapsed, offset] of steps) {
        local += elapsed;
        clock.observe(clock.now() + offset);
        const t = clock.now();
        expect(t).toBeGreaterThanOrEqual(previous);
        expect(t - (start + local)).toBeLessThanOrEqual(MAX_EVENT_LEAD_MS);
        previous = t;
      }
    },
  );
});
