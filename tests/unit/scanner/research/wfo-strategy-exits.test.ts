/**
 * The walk-forward's backtests use the scan's exits (issue 14): each parameter set's trades are the scan's backtest
 * with the strategy's own exit rule (strategy-exit-series.ts) and the configured stops, so a fold's in-sample
 * fitness changes where the rule fires; with `exits.strategy_exits: false` (strategyExits off) they are the
 * shared exits' only. A discovered (GP) rule has no exit of its own; its fitness backtests with the configured
 * catastrophe stop. Deterministic: a fixed synthetic universe (seed 3).
 */
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../../../../src/config/schema.ts';
import { gpData } from '../../../../src/scanner/research/gp/gp-data.ts';
import { pooledResult } from '../../../../src/scanner/research/gp/gp-fitness.ts';
import type { Rule } from '../../../../src/scanner/research/gp/rule.ts';
import { backtest } from '../../../../src/scanner/backtest/backtest.ts';
import { strategyExitSeries } from '../../../../src/scanner/backtest/strategy-exit-series.ts';
import { researchEnv } from '../../../../src/scanner/research/work/research-env.ts';
import { windowFitness } from '../../../../src/scanner/research/wfo/combo-trials.ts';
import { stitchOutOfSample } from '../../../../src/scanner/research/wfo/stitch.ts';
import { walkForward } from '../../../../src/scanner/research/wfo/walk-forward.ts';
import { strategyContext } from '../../../../src/scanner/scan/scan-market.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { rsiMeanReversion } from '../../../../src/scanner/strategies/rsi-mean-reversion.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import {
  defaultParams,
  enumerateGrid,
} from '../../../../src/scanner/research/params/parameter-spec.ts';
import type { Series } from '../../../../src/scanner/series.ts';
import { syntheticUniverse } from '../../../../bench/scan/synthetic-universe.ts';

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
const options = scanOptions(DEFAULT_CONFIG);
const windows = { inSample: 300, outOfSample: 100 };
const exitsOf = (s: Series) => strategyExitSeries('rsi_mean_reversion', s, ctx);
/** The first ticker on which the rule closes a trade of the default parameters. */
const series = [...market.series.values()].find(
  (s) =>
    s.symbol !== 'SPY' &&
    s.symbol !== 'VIXY' &&
    backtest(s, rsiMeanReversion.signals(s, ctx), options.backtest, exitsOf(s)).trades.some((t) =>
      t.reason.startsWith('strategy exit'),
    ),
);
if (series === undefined) throw new Error('no ticker where the rule fires');
const input = (strategyExits: boolean) => ({
  series,
  strategy: rsiMeanReversion,
  ctx,
  backtest: options.backtest,
  strategyExits,
  windows,
  minTrades: 1,
});

describe("walk-forward fitness with the strategies' own exits", () => {
  const params = defaultParams(rsiMeanReversion.parameters);
  const on = walkForward(input(true), { kind: 'grid' });
  const off = walkForward(input(false), { kind: 'grid' });

  it("a parameter set's trades are the scan's backtest: the strategy exit and the configured stops", () => {
    const signals = on.trials.signals(params);
    expect(on.trials.trades(params)).toEqual(
      backtest(
        series,
        signals,
        options.backtest,
        strategyExitSeries('rsi_mean_reversion', series, ctx),
      ).trades,
    );
    expect(off.trials.trades(params)).toEqual(backtest(series, signals, options.backtest).trades);
    expect(on.trials.trades(params).some((t) => t.reason.startsWith('strategy exit'))).toBe(true);
    expect(off.trials.trades(params).some((t) => t.reason.startsWith('strategy exit'))).toBe(false);
  });

  it('the in-sample fitness changes exactly where the rule closes a trade, for every parameter set of the grid', () => {
    // One window over the whole series (after the warm-up), so that each parameter set has trades enough for a t-statistic.
    const all = { isFrom: rsiMeanReversion.warmup - 1, isTo: series.close.length };
    let changed = 0;
    for (const p of enumerateGrid(rsiMeanReversion.parameters)) {
      const withRule = windowFitness(on.trials.trades(p), series.close, all, 2).fitness;
      const without = windowFitness(off.trials.trades(p), series.close, all, 2).fitness;
      const fired = on.trials
        .trades(p)
        .some(
          (t) =>
            t.entryIndex > all.isFrom &&
            t.exitIndex < all.isTo &&
            t.reason.startsWith('strategy exit'),
        );
      if (!fired) expect(withRule).toBe(without);
      else if (Number.isFinite(withRule) && withRule !== without) changed += 1;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('the stitched out-of-sample account exits by the rule too; research takes the switch from exits.strategy_exits', () => {
    const stitched = stitchOutOfSample(series, on.folds, on.trials, options.backtest);
    expect(stitched.result.trades.some((t) => t.reason.startsWith('strategy exit'))).toBe(true);
    expect(researchEnv(DEFAULT_CONFIG, 1, options.backtest, options.verdict).strategyExits).toBe(
      true,
    );
    const offConfig = {
      ...DEFAULT_CONFIG,
      exits: { ...DEFAULT_CONFIG.exits, strategy_exits: false },
    };
    expect(researchEnv(offConfig, 1, options.backtest, options.verdict).strategyExits).toBe(false);
  });
});

describe("GP fitness with the scan's exits", () => {
  const data = gpData(market, 400);
  const rule: Rule = { op: 'cmp', f: 'rsi', p: 5, rel: 'lt', v: 25 };
  const withStop = (catastrophe_stop: 'percent' | 'atr') =>
    scanOptions(configSchema.parse({ exits: { catastrophe_stop } })).backtest;

  it('a discovered rule has no exit of its own; its fitness backtests with the catastrophe stop as configured', () => {
    expect(strategyExitSeries('gp_0123abcd', series, ctx)).toBeNull();
    const percent = pooledResult(rule, data, withStop('percent'), 'in');
    const atrStop = pooledResult(rule, data, withStop('atr'), 'in');
    expect(percent.trades).toBeGreaterThan(1);
    expect(atrStop.test.t).not.toBe(percent.test.t);
  });
});
