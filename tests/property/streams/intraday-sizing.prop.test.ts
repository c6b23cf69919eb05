/**
 * The intraday entries' one sizing function: whole shares that never cost more than the allocation, which never
 * exceeds `trade`'s equal allocation for one entry (the caps, the cash buffer) scaled by the risk scalar; none
 * without buying power; a scalar below 1 never buys more.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { allocate } from '../../../src/domain/rules/allocation.ts';
import {
  sizeIntradayEntry,
  type IntradaySizingInput,
} from '../../../src/streams/intraday/intraday-sizing.ts';

const money = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });
const input = fc.record({
  equity: money(1e7),
  buyingPower: money(2e7),
  longMarketValue: money(1e7),
  capitalCap: fc.option(fc.double({ min: 1, max: 1e7, noNaN: true }), { nil: undefined }),
  cashBufferPct: fc.double({ min: 0, max: 99, noNaN: true }),
  maxPositionPct: fc.double({ min: 0.01, max: 100, noNaN: true }),
  maxPositionUsd: fc.double({ min: 1, max: 1e6, noNaN: true }),
  scalar: fc.double({ min: 0, max: 1, noNaN: true }),
  price: fc.double({ min: 0.01, max: 5_000, noNaN: true }),
}) satisfies fc.Arbitrary<IntradaySizingInput>;

describe('sizeIntradayEntry', () => {
  test.prop([input])(
    'whole shares within the allocation, the allocation within the equal share x scalar',
    (i) => {
      const size = sizeIntradayEntry(i);
      const cap = allocate({ ...i, count: 1 }).perEntry * i.scalar;
      if ('reason' in size) {
        expect(cap < i.price + 1e-9).toBe(true);
        return;
      }
      expect(Number.isInteger(size.qty) && size.qty >= 1).toBe(true);
      expect(size.qty * i.price).toBeLessThanOrEqual(size.allocation + 1e-9);
      expect(size.allocation).toBeLessThanOrEqual(cap + 1e-9);
    },
  );

  test.prop([input, fc.double({ min: 0, max: 1, noNaN: true })])(
    'a smaller risk scalar never buys more',
    (i, lower) => {
      const full = sizeIntradayEntry(i);
      const reduced = sizeIntradayEntry({ ...i, scalar: i.scalar * lower });
      const q = (s: typeof full): number => ('reason' in s ? 0 : s.qty);
      expect(q(reduced)).toBeLessThanOrEqual(q(full));
    },
  );
});
