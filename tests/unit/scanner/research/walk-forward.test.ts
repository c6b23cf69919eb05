/**
 * Walk-forward optimisation on a seeded market with a planted edge (gaps down of 2.5-4% that stay open are
 * followed by a drift up):
 * - the grid search keeps gap_fill's threshold below the planted gaps in every fold, and the stitched
 *   out-of-sample trades beat buy-and-hold;
 * - a fold's choice reads only bars before its out-of-sample window (the same on a market cut at that point);
 * - the GA gives the same result from a checkpoint as uninterrupted, the same for the same seed;
 * - the scanner applies a result as a parameter schedule: no signal before the first out-of-sample session.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/config/schema.ts';
import { marketAsOf } from '../../../../src/scanner/market-data.ts';
import { gaOptions } from '../../../../src/scanner/research/ga/ga-options.ts';
import { scheduleKey } from '../../../../src/scanner/research/params/param-schedule.ts';
import { hashSeed } from '../../../../src/scanner/research/random/rng.ts';
import { scheduleFromWfo } from '../../../../src/scanner/research/wfo/read-schedules.ts';
import { stitchOutOfSample } from '../../../../src/scanner/research/wfo/stitch.ts';
import {
  walkForward,
  type Optimizer,
  type WfoProgress,
} from '../../../../src/scanner/research/wfo/walk-forward.ts';
import { wfoResultFile } from '../../../../src/scanner/research/wfo/wfo-result.ts';
import { runStrategy } from '../../../../src/scanner/scan/run-strategy.ts';
import { strategyContext } from '../../../../src/scanner/scan/scan-market.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { gapFill } from '../../../../src/scanner/strategies/gap-fill.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};
const options = scanOptions(DEFAULT_CONFIG);
const market = plantedMarket({
  seed: 21,
  symbols: 1,
  sessions: 1300,
  edge: { probability: 0.04, followDays: 4, followDriftPct: 0.9 },
});
const series = market.series.get('P000')!;
const input = (m = market) => ({
  series: m.series.get('P000')!,
  strategy: gapFill,
  ctx: strategyContext(m, settings),
  backtest: options.backtest,
  strategyExits: true,
  windows: { inSample: 500, outOfSample: 200 },
  minTrades: 8,
});

describe('walk-forward optimisation', () => {
  it('chooses in sample, evaluates out of sample, and stitches one out-of-sample account', () => {
    const run = walkForward(input(), { kind: 'grid' });
    expect(run.folds.map((f) => [f.fold.oosFrom, f.fold.oosTo])).toEqual([
      [500, 700],
      [700, 900],
      [900, 1100],
      [1100, 1300],
    ]);
    for (const f of run.folds) {
      expect(f.qualified).toBe(true);
      expect(f.params.gap_pct).toBeLessThanOrEqual(2.5);
    }
    const oos = stitchOutOfSample(series, run.folds, run.trials, options.backtest);
    expect(oos.from).toBe(500);
    expect(oos.result.trades.every((t) => t.entryIndex > 500)).toBe(true);
    expect(oos.evidence.trades).toBeGreaterThanOrEqual(20);
    expect(oos.evidence.excessReturnPct).toBeGreaterThan(0.5);
    expect(oos.evidence.pValue).toBeLessThan(0.01);
    const file = wfoResultFile(series, gapFill, 'grid', run, oos);
    expect(file.equity.from).toBe(series.dates[500]);
    expect(file.equity.values).toHaveLength(800);
    expect(file.folds[0]!.out_of_sample).toEqual([series.dates[500], series.dates[699]]);
  });

  it("chooses each fold's parameters from bars before its out-of-sample window only", () => {
    const full = walkForward(input(), { kind: 'grid' });
    const cut = walkForward(input(marketAsOf(market, 899)), { kind: 'grid' });
    expect(cut.folds.map((f) => f.params)).toEqual(full.folds.slice(0, 2).map((f) => f.params));
    // The parameters for the sessions after a cut are chosen on the window that ends with the cut.
    expect(cut.current.fold).toEqual({ isFrom: 400, isTo: 900, oosFrom: 900, oosTo: 900 });
    expect(cut.current.params).toEqual(full.folds[2]!.params);
  });

  it('resumes the GA from a checkpoint to exactly the uninterrupted result', () => {
    const ga: Optimizer = {
      kind: 'ga',
      options: gaOptions(DEFAULT_CONFIG),
      seed: hashSeed(17, 'ga', 'gap_fill', 'P000'),
    };
    const saved: WfoProgress[] = [];
    const whole = walkForward(input(), ga, undefined, (p) =>
      saved.push(JSON.parse(JSON.stringify(p)) as WfoProgress),
    );
    expect(saved).toHaveLength(4);
    const resumed = walkForward(input(), ga, saved[1]);
    expect(resumed.folds).toEqual(whole.folds);
    expect(resumed.current).toEqual(whole.current);
    expect(walkForward(input(), ga).folds).toEqual(whole.folds);
  });

  it('is applied by the scanner as a schedule: nothing counts before the first out-of-sample session', () => {
    const run = walkForward(input(), { kind: 'grid' });
    const file = wfoResultFile(
      series,
      gapFill,
      'grid',
      run,
      stitchOutOfSample(series, run.folds, run.trials, options.backtest),
    );
    const schedule = scheduleFromWfo(file);
    expect(schedule.steps[0]!.from).toBe(series.dates[500]);
    // The parameters chosen at the last close already give that close's signal.
    expect(schedule.steps.at(-1)).toEqual({
      from: series.dates.at(-1),
      params: file.current.params,
    });
    const ctx = strategyContext(market, settings);
    const withSchedule = runStrategy(series, gapFill, ctx, {
      ...options,
      schedules: new Map([[scheduleKey('gap_fill', 'P000'), schedule]]),
    });
    const plain = runStrategy(series, gapFill, ctx, options);
    expect(withSchedule.paramsSource).toBe('wfo');
    expect(withSchedule.params).toEqual(file.current.params);
    expect(withSchedule.evidence.oosFrom).toBe(series.dates[500]);
    expect(withSchedule.trades!.every((t) => t.entryIndex > 500)).toBe(true);
    expect(plain.paramsSource).toBe('default');
    expect(plain.trades!.some((t) => t.entryIndex < 500)).toBe(true);
  });
});
