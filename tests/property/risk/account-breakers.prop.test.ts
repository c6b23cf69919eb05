/**
 * Invariants of the account breakers (domain/rules/risk/account-breakers.ts):
 * - daily loss trips exactly when equity is daily_loss_pct or more below the last close, and then halts until the session ends;
 * - a lower equity (all else equal) never lifts a breaker that a higher one tripped (monotone);
 * - drawdown only reduces (never halts) and trips exactly at drawdown_pct below the high-water mark, which never falls;
 * - rapid loss pauses for exactly rapid_loss_pause_min; the daily-drawdown kill latches (no expiry);
 * - a gain never trips anything.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  accountBreakers,
  lossFraction,
  nextHighWater,
  trimWindow,
  type AccountInput,
} from '../../../src/domain/rules/risk/account-breakers.ts';
import { limitsArb } from '../../support/risk-limits.ts';

const money = fc.double({ min: 1, max: 1e7, noNaN: true });
const input = fc
  .record({
    equity: money,
    lastClose: money,
    extraHigh: fc.double({ min: 0, max: 1e7, noNaN: true }),
    now: fc.integer({ min: 1e12, max: 2e12 }),
    peak: money,
  })
  .map(({ equity, lastClose, extraHigh, now, peak }): AccountInput => ({
    now,
    equity,
    lastClose,
    highWater: Math.max(equity, lastClose) + extraHigh,
    window: [{ ts: now - 1, equity: peak }],
    tsSessionEnd: now + 3_600_000,
  }));
const names = (i: AccountInput, l: Parameters<typeof accountBreakers>[1]): Set<string> =>
  new Set(accountBreakers(i, l).trips.map((t) => t.name));

test.prop([input, limitsArb])(
  'daily loss trips exactly at the limit and halts until the session ends',
  (i, l) => {
    const trip = accountBreakers(i, l).trips.find((t) => t.name === 'daily_loss');
    expect(trip !== undefined).toBe(
      lossFraction(i.lastClose, i.equity) >= l.dailyLossPct / 100 && i.equity < i.lastClose,
    );
    if (trip !== undefined) {
      expect(trip.action).toBe('halt');
      expect(trip.tsExpires).toBe(i.tsSessionEnd);
    }
  },
);

test.prop([input, limitsArb, fc.double({ min: 0, max: 0.99, noNaN: true })])(
  'a lower equity never lifts a trip',
  (i, l, cut) => {
    const lower = { ...i, equity: i.equity * (1 - cut) };
    for (const name of names(i, l)) expect(names(lower, l).has(name)).toBe(true);
  },
);

test.prop([input, limitsArb])(
  'drawdown only reduces, at drawdown_pct below the high-water mark; the kill latches; rapid loss pauses its minutes',
  (i, l) => {
    for (const t of accountBreakers(i, l).trips) {
      if (t.name === 'drawdown') {
        expect(t.action).toBe('reduce');
        expect((i.highWater - i.equity) / i.highWater).toBeGreaterThanOrEqual(
          l.drawdownPct / 100 - 1e-12,
        );
      }
      if (t.name === 'daily_drawdown_kill') expect(t.tsExpires).toBeNull();
      if (t.name === 'rapid_loss') expect(t.tsExpires).toBe(i.now + l.rapidLossPauseMs);
    }
  },
);

test.prop([input, limitsArb])('a gain trips nothing', (i, l) => {
  const high = Math.max(i.lastClose, i.highWater, ...i.window.map((s) => s.equity));
  expect(accountBreakers({ ...i, equity: high, highWater: high }, l).trips).toEqual([]);
});

test.prop([money, money])(
  'the high-water mark never falls and is at least the equity',
  (hw, eq) => {
    expect(nextHighWater(hw, eq)).toBeGreaterThanOrEqual(hw);
    expect(nextHighWater(hw, eq)).toBeGreaterThanOrEqual(eq);
  },
);

test.prop([
  fc.array(fc.record({ ts: fc.integer({ min: 0, max: 1e6 }), equity: money })),
  fc.integer({ min: 0, max: 1e6 }),
  fc.integer({ min: 1, max: 1e5 }),
])('the window keeps exactly the readings of its span', (samples, now, windowMs) => {
  const kept = trimWindow(samples, now, windowMs);
  expect(kept.every((s) => s.ts >= now - windowMs && s.ts <= now)).toBe(true);
  expect(kept.length).toBe(samples.filter((s) => s.ts >= now - windowMs && s.ts <= now).length);
});
