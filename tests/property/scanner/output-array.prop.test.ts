/**
 * The kernels' outputs on shared slabs (src/scanner/indicators/output-array.ts, issue 19).
 * Invariants: every output is zero-filled and as long as asked, whatever was allocated and written before it;
 * writing one output never changes another (no two overlap, across slab boundaries and the own-buffer size);
 * the EMA kernel on those outputs equals technicalindicators' EMA on any series, a leading NaN prefix
 * skipped, and keeps its values while later outputs are allocated and written.
 */
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { refEma } from '../../../bench/scan/reference-indicators.ts';
import { ema } from '../../../src/scanner/indicators/ema.ts';
import { outputArray } from '../../../src/scanner/indicators/output-array.ts';

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Lengths around a 10-year series, tiny ones, and ones above the slab's own-buffer size (8,192 values). */
const length = fc.oneof(
  fc.integer({ min: 0, max: 64 }),
  fc.integer({ min: 2_000, max: 3_000 }),
  fc.integer({ min: 8_000, max: 9_000 }),
);

describe('kernel outputs on shared slabs', () => {
  test.prop([fc.array(length, { minLength: 1, maxLength: 60 })])(
    'are zero-filled, sized as asked and never overlap',
    (lengths) => {
      const outs = lengths.map((n, k) => {
        const out = outputArray(n);
        expect(out.length).toBe(n);
        expect(out.every((v) => v === 0)).toBe(true);
        out.fill(k + 1);
        return out;
      });
      outs.forEach((out, k) => {
        expect(out.every((v) => v === k + 1)).toBe(true);
      });
    },
  );

  const prices = fc.array(fc.double({ min: 1, max: 1_000, noNaN: true }), {
    minLength: 40,
    maxLength: 400,
  });
  test.prop([
    prices,
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 2, max: 30 }),
    fc.integer({ min: 0, max: 30 }),
  ])(
    'EMA equals the package after a NaN prefix and keeps its values while other outputs are written',
    (finite, nans, period, others) => {
      const values = Float64Array.from([
        ...Array.from({ length: nans }, () => Number.NaN),
        ...finite,
      ]);
      const mine = ema(values, period);
      const before = Float64Array.from(mine);
      for (let k = 0; k < others; k += 1) outputArray(2_516).fill(-1);
      const theirs = refEma(finite, period);
      const offset = nans + period - 1;
      expect(mine.length).toBe(values.length);
      for (let i = 0; i < offset; i += 1) expect(Number.isNaN(mine[i])).toBe(true);
      theirs.forEach((v, k) => {
        if (!close(mine[offset + k] as number, v))
          throw new Error(
            `index ${String(offset + k)}: ${String(mine[offset + k])} vs ${String(v)}`,
          );
      });
      expect(mine).toEqual(before);
    },
  );
});
