/**
 * Invariants of the dashboard's equity series: drawdown is never above 0 and is 0 exactly at a running high;
 * every series has one value per kept point; percent change is 0 where the equity equals the base.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { equitySeries } from '../../../src/jobs/dashboard/equity-series.ts';

const equities = fc.array(fc.double({ min: 1, max: 1e7, noNaN: true }), {
  minLength: 1,
  maxLength: 50,
});

test.prop([equities])('drawdown <= 0, and 0 exactly at running highs', (values) => {
  const s = equitySeries({
    kind: 'PortfolioHistoryReport',
    timeframe: '1D',
    baseValue: values[0] ?? 1,
    points: values.map((equity, i) => ({
      ts: i * 60_000,
      equity,
      profitLoss: 0,
      profitLossPct: 0,
    })),
  });
  expect(s.t.length).toBe(values.length);
  expect(s.changePct.length).toBe(values.length);
  expect(s.changePct[0]).toBe(0);
  let peak = 0;
  values.forEach((v, i) => {
    peak = Math.max(peak, v);
    const dd = s.drawdownPct[i] ?? NaN;
    expect(dd).toBeLessThanOrEqual(0);
    if (v === peak) expect(dd).toBe(0);
  });
});
