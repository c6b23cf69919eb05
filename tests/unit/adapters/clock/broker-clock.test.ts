import { describe, expect, it } from 'vitest';
import { createBrokerClock } from '../../../../src/adapters/clock/broker-clock.ts';

const report = (tsNow: number) => ({ kind: 'ClockReport' as const, tsNow, isOpen: true, tsNextOpen: 0, tsNextClose: 0 });

describe('createBrokerClock', () => {
  it('takes the broker\'s time at the first sync, then runs on local time', () => {
    let local = 5_000;
    const clock = createBrokerClock({ local: () => local });
    expect(clock.now()).toBe(5_000);
    clock.sync(report(1_000));
    expect(clock.now()).toBe(1_000);
    local += 250;
    expect(clock.now()).toBe(1_250);
    expect(clock.lastReport()?.tsNow).toBe(1_000);
  });

  it('jumps forward to a later event timestamp and never goes back', () => {
    let local = 0;
    const clock = createBrokerClock({ local: () => local });
    clock.sync(report(1_000));
    clock.observe(10_000);
    expect(clock.now()).toBe(10_000);
    clock.observe(2_000);
    expect(clock.now()).toBe(10_000);
    clock.sync(report(3_000));
    expect(clock.now()).toBe(10_000);
    local += 8_000;
    expect(clock.now()).toBe(11_000);
  });
});
