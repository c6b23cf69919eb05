import { describe, expect, it } from 'vitest';
import {
  hardStopPrice,
  takeProfitPrice,
  DEFAULT_EXIT_RULES,
} from '../../../src/domain/rules/exit-rules.ts';
import { backtest, type BacktestOptions } from '../../../src/scanner/backtest/backtest.ts';
import { backtestStats } from '../../../src/scanner/backtest/stats.ts';
import { signalState } from '../../../src/scanner/scan/signal-state.ts';
import { flat, seriesOf, signalsAt, type Row } from './fixtures.ts';

const noCosts: BacktestOptions = {
  exits: DEFAULT_EXIT_RULES,
  costs: { slippageBps: 0, commissionPerShare: 0 },
  notional: 10_000,
};
const seedCosts: BacktestOptions = {
  ...noCosts,
  costs: { slippageBps: 7.5, commissionPerShare: 0.005 },
};

const run = (rows: Row[], signals: number[], o = noCosts) =>
  backtest(seriesOf('TEST', rows), signalsAt(rows.length, ...signals), o);

describe('backtest: entries', () => {
  it('fills a close signal at the next open, with slippage against us', () => {
    const rows: Row[] = [flat(100), [101, 101, 101, 101], flat(101), flat(101)];
    const r = run(rows, [0], seedCosts);
    expect(r.open?.entryIndex).toBe(1);
    expect(r.open?.entryPrice).toBeCloseTo(101 * 1.00075, 10);
    expect(r.open?.stop).toBe(hardStopPrice(101 * 1.00075));
    expect(r.open?.target).toBe(takeProfitPrice(101 * 1.00075));
  });

  it('ignores signals while a position is open, and reports an entry pending for the next open', () => {
    const rows: Row[] = [flat(100), flat(100), flat(100), flat(100)];
    const r = run(rows, [0, 1, 3]);
    expect(r.trades).toHaveLength(0);
    expect(r.open?.entryIndex).toBe(1);
    expect(r.pending).toBe(false);
    const flatThenSignal = run([flat(100), flat(100)], [1]);
    expect(flatThenSignal.pending).toBe(true);
    expect(signalState(signalsAt(2, 1), flatThenSignal)).toBe('IN_TRADE');
    expect(signalState(signalsAt(4, 0, 1, 3), r)).toBe('WATCH');
  });
});

describe('backtest: hard exits against the day range', () => {
  it('exits at the stop when the low touches it', () => {
    const r = run([flat(100), flat(100), [100, 100, 94, 96]], [0]);
    expect(r.trades[0]).toMatchObject({ reason: 'stop_loss', exitIndex: 2, exitPrice: 95 });
  });

  it('fills a gap through the stop at the open', () => {
    const r = run([flat(100), flat(100), [90, 91, 89, 90]], [0]);
    expect(r.trades[0]).toMatchObject({ reason: 'stop_loss', exitPrice: 90 });
  });

  it('exits at the target when the high touches it, and at the open on a gap above it', () => {
    expect(run([flat(100), flat(100), [100, 121, 99.5, 100]], [0]).trades[0]).toMatchObject({
      reason: 'take_profit',
      exitPrice: 120,
    });
    expect(run([flat(100), flat(100), [125, 126, 124, 125]], [0]).trades[0]).toMatchObject({
      reason: 'take_profit',
      exitPrice: 125,
    });
  });

  it('takes the stop when one day touches both stop and target (conservative)', () => {
    expect(run([flat(100), flat(100), [100, 121, 94, 100]], [0]).trades[0]).toMatchObject({
      reason: 'stop_loss',
      exitPrice: 95,
    });
  });
});

describe("backtest: soft exits on the close (the daemon's rules)", () => {
  it('break-even: high reached +1.5%, close back at entry', () => {
    const r = run([flat(100), flat(100), [100, 101.6, 99.8, 100]], [0]);
    expect(r.trades[0]).toMatchObject({ reason: 'break_even', exitPrice: 100, exitIndex: 2 });
  });

  it('trailing: after +2%, exits at the close once it falls to entry + 50% of the gain', () => {
    const r = run([flat(100), flat(100), [100, 104, 101, 103], [103, 103.5, 101.5, 101.9]], [0]);
    expect(r.trades[0]).toMatchObject({ reason: 'trailing', exitIndex: 3, exitPrice: 101.9 });
  });

  it('time stop: exits at the first close more than 7 calendar days after the entry', () => {
    // Signal Monday 2024-01-01, entry Tuesday 01-02 at the open; 01-09 close is 7 days 6.5 h later.
    const rows: Row[] = Array.from({ length: 10 }, () => flat(100));
    const r = run(rows, [0]);
    expect(r.trades[0]).toMatchObject({
      reason: 'time_stop',
      entryDate: '2024-01-02',
      exitDate: '2024-01-09',
    });
  });
});

describe('backtest: costs and statistics', () => {
  it('charges slippage on both fills and commission per share on both sides', () => {
    const r = run([flat(100), flat(100), [100, 121, 99.5, 100]], [0], seedCosts);
    const t = r.trades[0]!;
    const entry = 100 * 1.00075;
    const exit = takeProfitPrice(entry) * (1 - 0.00075);
    const shares = 10_000 / entry;
    expect(t.pnl).toBeCloseTo((exit - entry) * shares - 2 * shares * 0.005, 8);
    expect(t.returnPct).toBeLessThan(t.grossReturnPct);
  });

  it("computes win rate, profit factor and expectancy from closed trades (the verdict is the family judge's)", () => {
    const rows: Row[] = [
      flat(100),
      flat(100),
      [100, 121, 99.5, 100],
      flat(100),
      flat(100),
      [100, 100, 94, 96],
      flat(96),
    ];
    const r = run(rows, [0, 3]);
    const s = backtestStats(r, 0);
    expect(s.trades).toBe(2);
    expect(s.winRate).toBe(0.5);
    expect(s.profitFactor).toBeCloseTo(20 / 5, 10);
    expect(s.avgReturnPct).toBeCloseTo((20 - 5) / 2, 10);
    expect(s.maxDrawdownPct).toBeGreaterThan(0);
  });

  it('marks the equity curve to market at each close', () => {
    const r = run([flat(100), flat(100), flat(110), flat(105)], [0]);
    expect(Array.from(r.equity)).toEqual([10_000, 10_000, 11_000, 10_500]);
  });
});
