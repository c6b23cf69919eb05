/** The dashboard's equity series: percent change from the base, drawdown from the running peak, the live point appended. */
import { describe, expect, it } from 'vitest';
import type { PortfolioHistoryReport } from '../../../../src/domain/account-history.ts';
import { equitySeries } from '../../../../src/jobs/dashboard/equity-series.ts';

const history = (equities: number[], baseValue = 100): PortfolioHistoryReport => ({
  kind: 'PortfolioHistoryReport',
  timeframe: '1D',
  baseValue,
  points: equities.map((equity, i) => ({
    ts: (i + 1) * 1000,
    equity,
    profitLoss: 0,
    profitLossPct: 0,
  })),
});

describe('equitySeries', () => {
  it('gives percent change from the base and drawdown from the running peak, in epoch seconds', () => {
    const s = equitySeries(history([100, 110, 99, 120]));
    expect(s.t).toEqual([1, 2, 3, 4]);
    expect(s.changePct.map((x) => Math.round(x * 100) / 100)).toEqual([0, 10, -1, 20]);
    expect(s.drawdownPct.map((x) => Math.round(x * 100) / 100)).toEqual([0, 0, -10, 0]);
  });

  it('skips zero-equity points and appends a newer live point only', () => {
    expect(equitySeries(history([0, 100]), { ts: 5000, equity: 105 }).equity).toEqual([100, 105]);
    expect(equitySeries(history([100, 101]), { ts: 1500, equity: 105 }).equity).toEqual([100, 101]);
    expect(equitySeries(history([]), { ts: 5000, equity: 105 }).changePct[0]).toBeCloseTo(5, 9);
  });
});
