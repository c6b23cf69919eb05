/**
 * Invariants of the report's closed trades and its chart:
 * - grouping sales into trades loses and invents nothing: every sale is in exactly one trade, and the trades'
 *   quantities and realized P/L add up to the sales';
 * - one trade is one position: its sales share a symbol and an opening, and are in fill order;
 * - a trade's exit price lies between its legs' lowest and highest fill;
 * - the chart's change is 0 at the first point, its drawdown is never above 0 and is 0 exactly at running highs.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { DEFAULT_COST_MODEL } from '../../../src/domain/rules/costs.ts';
import type { RealizedSale } from '../../../src/jobs/report/fill-ledger.ts';
import { curveFractions } from '../../../src/jobs/report/equity-svg.ts';
import { toReportTrade } from '../../../src/jobs/report/report-trades.ts';
import { roundTrips } from '../../../src/jobs/report/round-trips.ts';

const sale = fc
  .record({
    symbol: fc.constantFrom('AAPL', 'MSFT'),
    qty: fc.double({ min: 0.001, max: 500, noNaN: true }),
    exitPrice: fc.double({ min: 1, max: 1000, noNaN: true }),
    entryPrice: fc.option(fc.double({ min: 1, max: 1000, noNaN: true }), { nil: null }),
    tsFilled: fc.integer({ min: 0, max: 10 * 86_400_000 }),
    tsOpened: fc.option(fc.constantFrom(0, 86_400_000, 3 * 86_400_000), { nil: null }),
  })
  .map((s): Omit<RealizedSale, 'orderId'> => ({
    ...s,
    clientOrderId: 'c',
    realizedPl: s.entryPrice === null ? null : (s.exitPrice - s.entryPrice) * s.qty,
    type: 'market',
    stopPrice: null,
    parentClientOrderId: null,
  }));
const sales = fc
  .array(sale, { maxLength: 30 })
  .map((xs) =>
    xs.map((s, i): RealizedSale => ({ ...s, orderId: `o${String(i).padStart(3, '0')}` })),
  );

test.prop([sales])('every sale lands in exactly one trade of one position, in fill order', (xs) => {
  const groups = roundTrips(xs);
  expect(
    groups
      .flat()
      .map((s) => s.orderId)
      .sort(),
  ).toEqual(xs.map((s) => s.orderId).sort());
  for (const g of groups) {
    expect(new Set(g.map((s) => `${s.symbol}|${String(s.tsOpened)}`)).size).toBe(1);
    g.slice(1).forEach((s, i) => {
      expect(s.tsFilled).toBeGreaterThanOrEqual(g[i]?.tsFilled ?? 0);
    });
  }
});

test.prop([sales])(
  'trades conserve quantity and realized P/L; the exit price lies within the legs',
  (xs) => {
    const trades = roundTrips(xs).map((g) => ({ g, t: toReportTrade(g, [], DEFAULT_COST_MODEL) }));
    const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);
    expect(sum(trades.map(({ t }) => t.qty))).toBeCloseTo(sum(xs.map((s) => s.qty)), 6);
    for (const { g, t } of trades) {
      const prices = g.map((s) => s.exitPrice);
      expect(t.exitPrice).toBeGreaterThanOrEqual(Math.min(...prices) - 1e-9);
      expect(t.exitPrice).toBeLessThanOrEqual(Math.max(...prices) + 1e-9);
      if (g.every((s) => s.realizedPl !== null))
        expect(t.realizedPl ?? NaN).toBeCloseTo(sum(g.map((s) => s.realizedPl ?? 0)), 1);
      else expect(t.realizedPl).toBeNull();
      expect(t.legs).toBe(g.length);
    }
  },
);

test.prop([
  fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 60 }),
])('chart change starts at 0; drawdown <= 0 and 0 exactly at running highs', (values) => {
  const { change, drawdown } = curveFractions(values);
  expect(change[0]).toBe(0);
  let peak = 0;
  values.forEach((v, i) => {
    peak = Math.max(peak, v);
    expect(drawdown[i]).toBeLessThanOrEqual(0);
    if (v === peak) expect(drawdown[i]).toBe(0);
  });
});
