/**
 * The backtest with the strategies' own exits (scanner/backtest/strategy-exit-series.ts): a trade closed by a
 * strategy's rule closes on the first close where the shared domain rule says so, with that rule as its reason;
 * `exits.strategy_exits: false` leaves only the shared exits; strategies without a rule are unchanged; under
 * `exits.catastrophe_stop: atr` the stop is the entry less 3 x ATR(14) of the signal's close.
 */
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../../../src/config/schema.ts';
import { evaluateStrategyExit } from '../../../src/domain/rules/strategy-exits/strategy-exit-rules.ts';
import { roundToTick } from '../../../src/domain/money.ts';
import { strategyExitSeries } from '../../../src/scanner/backtest/strategy-exit-series.ts';
import { atr } from '../../../src/scanner/indicators/atr.ts';
import { scanOptions } from '../../../src/scanner/scan-setup.ts';
import { strategyContext } from '../../../src/scanner/scan/scan-market.ts';
import { runStrategy } from '../../../src/scanner/scan/run-strategy.ts';
import { STRATEGIES } from '../../../src/scanner/strategies/registry.ts';
import type { StrategyName } from '../../../src/config/schema.ts';
import { STATIC_SECTORS } from '../../../src/scanner/strategies/sectors.ts';
import { syntheticUniverse } from '../../../bench/scan/synthetic-universe.ts';

const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};
const market = syntheticUniverse({
  seed: 3,
  symbols: 12,
  startDate: '2021-01-01',
  endDate: '2023-12-31',
});
const ctx = strategyContext(market, settings);
const withConfig = (exits: Record<string, unknown>) => scanOptions(configSchema.parse({ exits }));
const series = [...market.series.values()].filter((s) => s.symbol !== 'SPY' && s.symbol !== 'VIXY');
const strategy = (name: StrategyName) => STRATEGIES[name];

describe("backtests with the strategies' own exits", () => {
  it.each(['rsi_mean_reversion', 'ml_momentum'] as const)(
    '%s: each strategy exit is the first close its rule fires on',
    (name) => {
      let strategyExits = 0;
      for (const s of series) {
        const exitAt = strategyExitSeries(strategy(name).name, s, ctx);
        const result = runStrategy(s, strategy(name), ctx, scanOptions(DEFAULT_CONFIG));
        for (const t of result.trades ?? []) {
          for (let i = t.entryIndex; i < t.exitIndex; i += 1)
            expect(exitAt?.(i, t.entryIndex) ?? null).toBeNull();
          if (!t.reason.startsWith('strategy exit')) continue;
          strategyExits += 1;
          expect(t.reason).toBe(
            `strategy exit (${exitAt?.(t.exitIndex, t.entryIndex)?.rule ?? 'none'})`,
          );
          expect(t.exitPrice).toBeLessThanOrEqual(s.close[t.exitIndex] as number);
        }
      }
      expect(strategyExits).toBeGreaterThan(0);
    },
  );

  it('exits.strategy_exits: false leaves the shared exits only', () => {
    const off = withConfig({ strategy_exits: false });
    for (const s of series) {
      const result = runStrategy(s, strategy('rsi_mean_reversion'), ctx, off);
      for (const t of result.trades ?? []) expect(t.reason.startsWith('strategy exit')).toBe(false);
    }
  });

  it('a strategy without a rule of its own has no exit series, and its result does not change', () => {
    const s = series[0];
    if (s === undefined) throw new Error('no series');
    expect(strategyExitSeries('mean_reversion', s, ctx)).toBeNull();
    const on = runStrategy(
      s,
      strategy('mean_reversion'),
      ctx,
      withConfig({ strategy_exits: true }),
    );
    const off = runStrategy(
      s,
      strategy('mean_reversion'),
      ctx,
      withConfig({ strategy_exits: false }),
    );
    expect(on).toEqual(off);
    expect(
      evaluateStrategyExit('mean_reversion', {
        price: 1,
        sessionsHeld: 99,
        rsi: 99,
        vwap: 0.5,
        fastMa: 1,
        slowMa: 2,
        upProbability: 0,
      }),
    ).toBeNull();
  });

  it("exits.catastrophe_stop: atr puts the stop at the entry less 3 x ATR(14) of the signal's close", () => {
    const options = withConfig({ catastrophe_stop: 'atr', strategy_exits: false });
    let checked = 0;
    for (const s of series) {
      const atrs = atr(s.high, s.low, s.close, 14);
      const result = runStrategy(s, strategy('mean_reversion'), ctx, options);
      for (const t of result.trades ?? []) {
        const stop = roundToTick(t.entryPrice - 3 * (atrs[t.entryIndex - 1] as number), 'down');
        if (t.reason === 'stop_loss') {
          checked += 1;
          // The stop fills at the stop, or at a gap open below it.
          expect(t.exitPrice).toBeLessThanOrEqual(stop * (1 - 7.5e-4) + 1e-9);
        }
        expect(s.low.slice(t.entryIndex + 1, t.exitIndex).every((low) => low > stop)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
