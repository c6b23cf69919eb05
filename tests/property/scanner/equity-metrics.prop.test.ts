/**
 * The scanner's allocation-free equity metrics equal the domain's metric functions.
 * Invariant: for any positive equity curve and start index, Sharpe, Sortino and max drawdown from
 * equityMetrics(curve, from) equal sharpeRatio / sortinoRatio of periodReturns(curve[from..]) and
 * maxDrawdown(curve[from..]) from src/domain/rules/metrics.ts.
 */
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import {
  maxDrawdown,
  periodReturns,
  sharpeRatio,
  sortinoRatio,
} from '../../../src/domain/rules/metrics.ts';
import { equityMetrics } from '../../../src/scanner/backtest/equity-metrics.ts';

const same = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('equity metrics', () => {
  test.prop([
    fc.array(fc.oneof(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.constant(10_000)), {
      minLength: 1,
      maxLength: 300,
    }),
    fc.nat({ max: 50 }),
  ])('equal the domain metrics on the same curve', (curve, start) => {
    const from = Math.min(start, curve.length - 1);
    const tail = curve.slice(from);
    const returns = periodReturns(tail);
    const m = equityMetrics(Float64Array.from(curve), from);
    expect(same(m.sharpe, sharpeRatio(returns))).toBe(true);
    expect(same(m.sortino, sortinoRatio(returns))).toBe(true);
    expect(m.maxDrawdown).toBeCloseTo(maxDrawdown(tail), 12);
  });
});
