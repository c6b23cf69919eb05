/**
 * The verdict's statistics.
 * Invariants:
 * - P(T > t) is a probability, falls as t rises, and P(T > t) + P(T > -t) = 1; it matches the textbook table;
 * - the one-sided t-test's p-value is 1 below two trades, and shifting a sample up never raises p;
 * - Benjamini–Hochberg q-values are >= their p-values, <= 1, keep the p-values' order, do not depend on the
 *   order the tests are listed in, and reject exactly what the step-up rule rejects;
 * - the buy-and-hold benchmark of a trade grows with its exposure when the drift is positive, and a trade
 *   that earns exactly the benchmark has zero excess.
 */
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { benjaminiHochberg } from '../../../src/scanner/research/stats/benjamini-hochberg.ts';
import {
  benchmarkPct,
  excessReturns,
  meanLogReturn,
} from '../../../src/scanner/research/stats/excess-returns.ts';
import { studentTUpperTail } from '../../../src/scanner/research/stats/student-t.ts';
import { oneSidedTTest } from '../../../src/scanner/research/stats/t-test.ts';

const df = fc.integer({ min: 1, max: 2000 });
const tValue = fc.double({ min: -50, max: 50, noNaN: true });
const pValue = fc.double({ min: 0, max: 1, noNaN: true });

describe('Student t upper tail', () => {
  it('matches the table', () => {
    expect(studentTUpperTail(2.228, 10)).toBeCloseTo(0.025, 4);
    expect(studentTUpperTail(1.812, 10)).toBeCloseTo(0.05, 4);
    expect(studentTUpperTail(2.0, 10)).toBeCloseTo(0.036694, 5);
    expect(studentTUpperTail(12.706, 1)).toBeCloseTo(0.025, 4);
    expect(studentTUpperTail(1.6449, 1e6)).toBeCloseTo(0.05, 4);
    expect(studentTUpperTail(0, 7)).toBeCloseTo(0.5, 12);
  });

  test.prop([tValue, df])('is a probability, symmetric about 0', (t, d) => {
    const p = studentTUpperTail(t, d);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(p + studentTUpperTail(-t, d)).toBeCloseTo(1, 9);
  });

  test.prop([tValue, fc.double({ min: 0.001, max: 5, noNaN: true }), df])(
    'falls as t rises',
    (t, step, d) => {
      expect(studentTUpperTail(t + step, d)).toBeLessThanOrEqual(studentTUpperTail(t, d) + 1e-12);
    },
  );
});

describe('one-sided t-test', () => {
  const sample = fc.array(fc.double({ min: -20, max: 20, noNaN: true }), {
    minLength: 2,
    maxLength: 80,
  });

  test.prop([fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { maxLength: 1 })])(
    'cannot reject with fewer than two trades',
    (xs) => {
      expect(oneSidedTTest(xs).p).toBe(1);
    },
  );

  test.prop([sample, fc.double({ min: 0.01, max: 5, noNaN: true })])(
    'a sample shifted up never has a larger p-value',
    (xs, shift) => {
      const base = oneSidedTTest(xs);
      const up = oneSidedTTest(xs.map((x) => x + shift));
      if (base.t !== null && up.t !== null) expect(up.p).toBeLessThanOrEqual(base.p + 1e-12);
      expect(up.mean).toBeCloseTo(base.mean + shift, 9);
    },
  );

  it('computes t and p by the textbook formula', () => {
    const r = oneSidedTTest([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.t).toBeCloseTo(3 / (Math.sqrt(2.5) / Math.sqrt(5)), 12);
    expect(r.p).toBeCloseTo(studentTUpperTail(r.t ?? 0, 4), 12);
  });
});

describe('Benjamini–Hochberg', () => {
  const family = fc.array(pValue, { minLength: 1, maxLength: 60 });

  test.prop([family])('q >= p, q <= 1, and q keeps the order of p', (p) => {
    const q = benjaminiHochberg(p);
    p.forEach((pi, i) => {
      expect(q[i]).toBeGreaterThanOrEqual(pi - 1e-15);
      expect(q[i]).toBeLessThanOrEqual(1);
      p.forEach((pj, j) => {
        if (pi < pj) expect(q[i]).toBeLessThanOrEqual((q[j] as number) + 1e-15);
      });
    });
  });

  test.prop([family, fc.integer({ min: 0, max: 1000 })])(
    'does not depend on the order of the tests',
    (p, rotate) => {
      const k = rotate % p.length;
      const rotated = [...p.slice(k), ...p.slice(0, k)];
      const q = benjaminiHochberg(p);
      expect(benjaminiHochberg(rotated)).toEqual([...q.slice(k), ...q.slice(0, k)]);
    },
  );

  test.prop([family, fc.double({ min: 0.001, max: 0.5, noNaN: true })])(
    'q <= alpha rejects exactly what the step-up rule rejects',
    (p, alpha) => {
      const m = p.length;
      const sorted = [...p].sort((a, b) => a - b);
      let k = 0;
      sorted.forEach((x, i) => {
        if (x <= ((i + 1) / m) * alpha) k = i + 1;
      });
      const cutoff = k === 0 ? -1 : (sorted[k - 1] as number);
      const q = benjaminiHochberg(p);
      p.forEach((x, i) => {
        expect((q[i] as number) <= alpha * (1 + 1e-12)).toBe(x <= cutoff);
      });
    },
  );
});

describe('excess over buy-and-hold', () => {
  test.prop([
    fc.double({ min: 1e-5, max: 0.01, noNaN: true }),
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 30 }),
  ])('the benchmark grows with exposure under positive drift', (mu, a, extra) => {
    expect(benchmarkPct(mu, a + extra)).toBeGreaterThan(benchmarkPct(mu, a));
  });

  test.prop([
    fc.double({ min: -0.01, max: 0.01, noNaN: true }),
    fc.integer({ min: 0, max: 50 }),
    fc.integer({ min: 0, max: 20 }),
  ])('a trade earning its benchmark has zero excess', (mu, entry, held) => {
    const t = { entryIndex: entry, exitIndex: entry + held, returnPct: benchmarkPct(mu, held + 1) };
    expect(excessReturns([t], mu)[0]).toBeCloseTo(0, 9);
  });

  it('takes the drift from the closes of the window', () => {
    const close = [100, 110, 121, 133.1];
    expect(meanLogReturn(close, 0)).toBeCloseTo(Math.log(1.1), 12);
    expect(meanLogReturn(close, 2)).toBeCloseTo(Math.log(1.1), 12);
    expect(meanLogReturn(close, 3)).toBe(0);
  });
});
