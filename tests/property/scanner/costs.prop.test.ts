/**
 * Costs always reduce returns.
 * Invariants, for random series and random entry signals:
 * - every trade's net return (slippage on both fills, commission per share on both sides) is strictly below
 *   its gross return on the raw prices, and equals it when both costs are zero;
 * - the costs charged on a trade are exactly slippage x price x shares on each fill plus commission x shares x 2;
 * - a trade that follows the same path with and without costs (same entry, exit and reason) returns less with costs.
 */
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { DEFAULT_EXIT_RULES } from '../../../src/domain/rules/exit-rules.ts';
import { backtest, type BacktestOptions } from '../../../src/scanner/backtest/backtest.ts';
import { seriesFromBars } from '../../../src/scanner/series.ts';
import { ohlcvArbitrary } from './ohlcv-arbitrary.ts';

function weekdays(n: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2020, 0, 6); out.length < n; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const scenario = ohlcvArbitrary(20, 200).chain((s) =>
  fc.record({
    s: fc.constant(s),
    signals: fc.array(fc.boolean(), { minLength: s.close.length, maxLength: s.close.length }),
    slippageBps: fc.double({ min: 0.5, max: 50, noNaN: true }),
    commission: fc.double({ min: 0, max: 0.05, noNaN: true }),
  }),
);

const opts = (slippageBps: number, commissionPerShare: number): BacktestOptions => ({
  exits: DEFAULT_EXIT_RULES,
  costs: { slippageBps, commissionPerShare },
  notional: 10_000,
});

describe('costs always reduce returns', () => {
  test.prop([scenario])(
    'net < gross on every trade; equal without costs; same path returns less with costs',
    ({ s, signals, slippageBps, commission }) => {
      const dates = weekdays(s.close.length);
      const series = seriesFromBars(
        'T',
        0,
        dates,
        s.close.map((c, i) => ({
          ts: Date.parse(`${dates[i] ?? ''}T05:00:00Z`),
          open: s.open[i]!,
          high: s.high[i]!,
          low: s.low[i]!,
          close: c,
          volume: s.volume[i]!,
        })),
      );
      const sig = Uint8Array.from(signals, (b) => (b ? 1 : 0));
      const costly = backtest(series, sig, opts(slippageBps, commission));
      const free = backtest(series, sig, opts(0, 0));
      for (const t of costly.trades) {
        expect(t.returnPct).toBeLessThan(t.grossReturnPct);
        const rawEntry = t.entryPrice / (1 + slippageBps / 10_000);
        const rawExit = t.exitPrice / (1 - slippageBps / 10_000);
        const expectedCosts =
          (rawEntry + rawExit) * t.shares * (slippageBps / 10_000) + 2 * t.shares * commission;
        expect((rawExit - rawEntry) * t.shares - t.pnl).toBeCloseTo(expectedCosts, 6);
      }
      for (const t of free.trades) expect(t.returnPct).toBeCloseTo(t.grossReturnPct, 9);
      const freeByEntry = new Map(free.trades.map((t) => [t.entryIndex, t]));
      for (const t of costly.trades) {
        const f = freeByEntry.get(t.entryIndex);
        if (
          f !== undefined &&
          f.exitIndex === t.exitIndex &&
          f.reason === t.reason &&
          f.grossReturnPct === t.grossReturnPct
        )
          expect(t.returnPct).toBeLessThan(f.returnPct);
      }
    },
  );
});
