/**
 * Invariants of the allocation (domain/rules/allocation.ts):
 * - an entry's allocation never exceeds max_position_pct of equity, max_position_usd, nor an equal share
 *   of buying power less the cash buffer; all entries together never exceed that pool;
 * - it is a whole number of cents and never negative;
 * - whole shares are floor(allocation / price) and never cost more than the allocation.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { allocate, floorCents, wholeShares } from '../../../src/domain/rules/allocation.ts';

const money = fc.double({ min: 0, max: 5e7, noNaN: true, noDefaultInfinity: true });
const input = fc.record({
  equity: money,
  buyingPower: money,
  longMarketValue: money,
  capitalCap: fc.option(fc.double({ min: 1, max: 5e7, noNaN: true, noDefaultInfinity: true }), {
    nil: undefined,
  }),
  cashBufferPct: fc.double({ min: 0, max: 100, noNaN: true }),
  maxPositionPct: fc.double({ min: 0, max: 100, noNaN: true }),
  maxPositionUsd: fc.double({ min: 0.01, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  count: fc.integer({ min: 1, max: 50 }),
});

test.prop([input])('allocation never exceeds its caps, nor buying power less the buffer', (i) => {
  const a = allocate(i);
  const equity = i.capitalCap === undefined ? i.equity : Math.min(i.equity, i.capitalCap);
  expect(a.perEntry).toBeGreaterThanOrEqual(0);
  expect(a.perEntry).toBeLessThanOrEqual((i.maxPositionPct / 100) * equity);
  expect(a.perEntry).toBeLessThanOrEqual(i.maxPositionUsd);
  expect(a.perEntry * i.count).toBeLessThanOrEqual(
    Math.max(0, i.buyingPower - (i.cashBufferPct / 100) * equity) + 1e-6,
  );
  if (i.capitalCap !== undefined)
    expect(a.perEntry * i.count).toBeLessThanOrEqual(
      Math.max(0, i.capitalCap - i.longMarketValue) + 1e-6,
    );
  expect(Math.abs(a.perEntry * 100 - Math.round(a.perEntry * 100))).toBeLessThan(1e-6);
});

test.prop([fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true })])(
  'floorCents never rounds up and loses less than a cent',
  (x) => {
    const c = floorCents(x);
    expect(c).toBeLessThanOrEqual(x);
    expect(x - c).toBeLessThan(0.01 + 1e-6);
  },
);

test.prop([
  fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0.0001, max: 1e6, noNaN: true, noDefaultInfinity: true }),
])(
  'whole shares = floor(allocation / price) and cost no more than the allocation',
  (allocation, price) => {
    const q = wholeShares(allocation, price);
    expect(Number.isInteger(q)).toBe(true);
    expect(q * price).toBeLessThanOrEqual(allocation);
    expect((q + 1) * price).toBeGreaterThan(allocation);
    expect(Math.abs(q - Math.floor(allocation / price))).toBeLessThanOrEqual(1);
  },
);
