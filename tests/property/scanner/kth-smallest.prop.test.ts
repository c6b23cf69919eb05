/** kthSmallest against a full numeric sort, for any numbers (ties, signed zeros, sorted and reversed runs) and any k. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { kthSmallest } from '../../../src/scanner/indicators/kth-smallest.ts';

const numbers = fc.oneof(
  fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 300 }),
  fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }),
  fc
    .array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 300 })
    .map((v) => v.sort((a, b) => a - b)),
);

describe('kthSmallest', () => {
  test.prop([numbers, fc.nat()])(
    'is the value a sort puts at k (zeros of either sign equal)',
    (values, n) => {
      const k = n % values.length;
      const sorted = Float64Array.from(values).sort();
      const got = kthSmallest(Float64Array.from(values), k);
      expect(got === (sorted[k] as number)).toBe(true);
    },
  );

  test.prop([numbers, fc.nat()])('only reorders its input', (values, n) => {
    const input = Float64Array.from(values);
    kthSmallest(input, n % values.length);
    expect(input.sort()).toEqual(Float64Array.from(values).sort());
  });

  it('refuses a k outside the values', () => {
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(RangeError);
    expect(() => kthSmallest(new Float64Array(0), 0)).toThrow(RangeError);
  });
});
