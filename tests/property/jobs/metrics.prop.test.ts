/**
 * Invariants of the metrics and the cost model (domain/rules/metrics.ts, domain/rules/costs.ts):
 * - max drawdown is in [0, 1] for any equity series, 0 for a non-decreasing one;
 * - costs always reduce returns: net P/L < gross P/L for any trade with shares, buy fills pay more, sell fills get less;
 * - win rate is in [0, 1]; profit factor is >= 0 (or Infinity with no losses).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  DEFAULT_COST_MODEL,
  executionPrice,
  roundTripPnl,
} from '../../../src/domain/rules/costs.ts';
import {
  maxDrawdown,
  periodReturns,
  profitFactor,
  sharpeRatio,
  sortinoRatio,
  winRate,
} from '../../../src/domain/rules/metrics.ts';

const equity = fc.array(fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }), {
  maxLength: 60,
});
const positive = fc.double({ min: 0.01, max: 1e5, noNaN: true, noDefaultInfinity: true });

test.prop([equity])('max drawdown is in [0, 1]', (e) => {
  const dd = maxDrawdown(e);
  expect(dd).toBeGreaterThanOrEqual(0);
  expect(dd).toBeLessThanOrEqual(1);
});

test.prop([equity])('a non-decreasing curve has no drawdown', (e) => {
  expect(maxDrawdown([...e].sort((a, b) => a - b))).toBe(0);
});

test.prop([
  positive,
  positive,
  fc.double({ min: 0.001, max: 1e5, noNaN: true, noDefaultInfinity: true }),
])('costs always reduce returns', (entryPrice, exitPrice, qty) => {
  const r = roundTripPnl({ entryPrice, exitPrice, qty }, DEFAULT_COST_MODEL);
  expect(r.costs).toBeGreaterThan(0);
  expect(r.net).toBeLessThan(r.gross);
  expect(r.netReturn).toBeLessThan(exitPrice / entryPrice - 1);
  expect(executionPrice(entryPrice, 'buy')).toBeGreaterThan(entryPrice);
  expect(executionPrice(exitPrice, 'sell')).toBeLessThan(exitPrice);
});

test.prop([fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { maxLength: 50 })])(
  'win rate in [0, 1], profit factor >= 0',
  (pnls) => {
    const w = winRate(pnls);
    if (pnls.length === 0) expect(w).toBeNull();
    else {
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThanOrEqual(1);
    }
    const pf = profitFactor(pnls);
    if (pf !== null) expect(pf).toBeGreaterThanOrEqual(0);
  },
);

test.prop([equity])('ratios are finite or null', (e) => {
  const r = periodReturns(e);
  for (const v of [sharpeRatio(r), sortinoRatio(r)])
    if (v !== null) expect(Number.isFinite(v)).toBe(true);
});
