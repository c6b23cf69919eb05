/**
 * No lookahead: every decision as of date D reads bars at or before D only.
 * Invariants, for random markets, any D, and any replacement of every bar after D (all symbols, context
 * symbols included):
 * - each strategy's signals at indices <= D are the same on the full market, on the altered market, and on
 *   the market truncated at D (cross-sectional strategies included: factor ranks, sectors, pairs, VIX regimes);
 * - the backtest as of D (trades closed by D, the position open across D, the entry pending for D + 1, the
 *   equity curve through D) is the same on all three, and so are the statistics, verdict evidence and state;
 * - the whole scan of the truncated market, verdicts included (judged across every ticker), is the same
 *   whatever happened after D.
 */
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { STRATEGY_NAMES } from '../../../src/config/schema.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/domain/rules/exit-rules.ts';
import { backtest, type BacktestOptions } from '../../../src/scanner/backtest/backtest.ts';
import { backtestStats } from '../../../src/scanner/backtest/stats.ts';
import type { BacktestResult } from '../../../src/scanner/backtest/trade.ts';
import { marketAsOf, type MarketData } from '../../../src/scanner/market-data.ts';
import { verdictEvidence } from '../../../src/scanner/research/verdict/verdict-evidence.ts';
import { judgeScan } from '../../../src/scanner/scan/judge-scan.ts';
import { scanMarket, strategyContext } from '../../../src/scanner/scan/scan-market.ts';
import { signalState } from '../../../src/scanner/scan/signal-state.ts';
import { truncateSeries } from '../../../src/scanner/series.ts';
import { STRATEGIES } from '../../../src/scanner/strategies/registry.ts';
import { STATIC_SECTORS } from '../../../src/scanner/strategies/sectors.ts';
import type { StrategySettings } from '../../../src/scanner/strategies/strategy.ts';
import { alterAfter, randomMarket, UNIVERSE } from './random-market.ts';

const LENGTH = 420;
const settings: StrategySettings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: new Map([
    ['KO', { symbol: 'KO', marketCap: 1.5e9, pe: 12, roe: 0.2, debtToEquity: 0.5 }],
  ]),
};
const options: BacktestOptions = {
  exits: DEFAULT_EXIT_RULES,
  costs: { slippageBps: 7.5, commissionPerShare: 0.005 },
  notional: 10_000,
};

/** A full-history backtest seen from date index d: what was knowable at the close of d. */
function asOf(r: BacktestResult, d: number): BacktestResult {
  const spanning = [
    ...r.trades.map((t) => ({ entry: t.entryIndex, exit: t.exitIndex })),
    ...(r.open === null ? [] : [{ entry: r.open.entryIndex, exit: Infinity }]),
  ];
  const open = spanning.find((p) => p.entry <= d && p.exit > d);
  return {
    trades: r.trades.filter((t) => t.exitIndex <= d),
    open:
      open === undefined
        ? null
        : {
            entryIndex: open.entry,
            entryDate: '',
            entryPrice: 0,
            shares: 0,
            highWater: 0,
            stop: 0,
            target: 0,
          },
    // A run that ends at d says so itself; a longer run shows the entry it made at d + 1.
    pending: d === r.equity.length - 1 ? r.pending : spanning.some((p) => p.entry === d + 1),
    equity: r.equity.slice(0, d + 1),
  };
}

function comparable(r: BacktestResult) {
  return {
    trades: r.trades,
    open: r.open?.entryIndex ?? null,
    pending: r.pending,
    equity: Array.from(r.equity),
  };
}

function strategyView(market: MarketData, d: number) {
  const ctx = strategyContext(market, settings);
  return STRATEGY_NAMES.flatMap((name) => {
    const strategy = STRATEGIES[name];
    if (strategy.unavailable(ctx) !== null) return [];
    return UNIVERSE.map((symbol) => {
      const s = market.series.get(symbol);
      if (s === undefined) throw new Error(`missing ${symbol}`);
      const signals = strategy.signals(s, ctx);
      const seen = asOf(backtest(s, signals, options), d - s.start);
      const past = signals.slice(0, d - s.start + 1);
      return {
        name,
        symbol,
        signals: Array.from(past),
        backtest: comparable(seen),
        stats: backtestStats(seen, strategy.warmup),
        evidence: verdictEvidence(truncateSeries(s, d - s.start + 1), seen, strategy.warmup - 1),
        state: signalState(past, seen),
      };
    });
  });
}

describe('no lookahead', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 300, max: LENGTH - 2 }),
      fc.integer({ min: 1, max: 1_000_000 }),
    ],
    { numRuns: 15 },
  )(
    'signals, backtests, statistics, verdicts and states as of D ignore every bar after D',
    (seed, d, alteration) => {
      const market = randomMarket(seed, LENGTH);
      const altered = alterAfter(market, d, alteration);
      const truncated = marketAsOf(market, d);
      const full = strategyView(market, d);
      expect(strategyView(altered, d)).toEqual(full);
      expect(strategyView(truncated, d)).toEqual(full);
      const rules = { minTrades: 3, maxDrawdownPct: 50, minExcessReturnPct: 0, fdr: 0.2 };
      const scanOptions = { backtest: options, verdict: rules };
      const scanned = scanMarket(truncated, STRATEGY_NAMES, settings, scanOptions);
      const alteredScan = scanMarket(marketAsOf(altered, d), STRATEGY_NAMES, settings, scanOptions);
      expect(alteredScan).toEqual(scanned);
      expect(judgeScan(alteredScan.tickers, rules)).toEqual(judgeScan(scanned.tickers, rules));
    },
  );

  it('is not vacuous: over a few random markets every strategy fires (ma_crossover is rare and may not)', () => {
    const fired = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const market = randomMarket(seed, LENGTH);
      const ctx = strategyContext(market, settings);
      for (const name of STRATEGY_NAMES) {
        if (
          UNIVERSE.some((sym) => STRATEGIES[name].signals(market.series.get(sym)!, ctx).includes(1))
        )
          fired.add(name);
      }
    }
    expect(STRATEGY_NAMES.filter((n) => !fired.has(n) && n !== 'ma_crossover')).toEqual([]);
  });
});
