/** The report's caveat: named when equity days or closed trades are too few, absent when both suffice. */
import { describe, expect, it } from 'vitest';
import {
  MIN_EQUITY_DAYS,
  MIN_TRADES,
  metricsCaveat,
} from '../../../../src/jobs/report/metrics-caveat.ts';

const metrics = (points: number, trades: number) => ({
  equity: {
    points,
    from: null,
    to: null,
    totalReturn: null,
    sharpe: null,
    sortino: null,
    calmar: null,
    maxDrawdown: 0,
  },
  trades: {
    overall: {
      strategy: 'all',
      trades,
      winRate: null,
      profitFactor: null,
      grossPl: 0,
      modelCosts: 0,
      netPl: 0,
    },
    byStrategy: [],
  },
});

describe('metricsCaveat', () => {
  it('names each short sample', () => {
    expect(metricsCaveat(metrics(1, 1))).toBe(
      `Caveat: these metrics rest on 1 days of equity (${MIN_EQUITY_DAYS} wanted) and 1 closed trades (${MIN_TRADES} wanted); read them as anecdotes, not evidence.`,
    );
    expect(metricsCaveat(metrics(MIN_EQUITY_DAYS, 0))).toContain('0 closed trades');
    expect(metricsCaveat(metrics(MIN_EQUITY_DAYS, 0))).not.toContain('days of equity');
  });

  it('is absent once both samples are large enough', () => {
    expect(metricsCaveat(metrics(MIN_EQUITY_DAYS, MIN_TRADES))).toBeNull();
  });
});
