import { describe, expect, it } from 'vitest';
import { assembleMarket } from '../../../src/scanner/data/assemble-market.ts';
import { sma } from '../../../src/scanner/indicators/sma.ts';
import type { MarketData } from '../../../src/scanner/market-data.ts';
import { strategyContext } from '../../../src/scanner/scan/scan-market.ts';
import { STRATEGIES } from '../../../src/scanner/strategies/registry.ts';
import { STATIC_SECTORS } from '../../../src/scanner/strategies/sectors.ts';
import type { Fundamentals, StrategySettings } from '../../../src/scanner/strategies/strategy.ts';
import { ML } from '../../../src/scanner/strategies/ml-momentum.ts';
import { barsOf, flat, fromCloses, weekdays, type Row } from './fixtures.ts';

const SETTINGS: StrategySettings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};

function marketOf(
  symbols: Record<string, readonly Row[]>,
  universe = Object.keys(symbols).filter((s) => s !== 'VIXY' && s !== 'SPY'),
): MarketData {
  const n = Math.max(...Object.values(symbols).map((r) => r.length));
  return assembleMarket(
    weekdays(n),
    universe,
    new Map(Object.entries(symbols).map(([s, rows]) => [s, barsOf(rows)])),
  );
}

function signalsOf(
  name: keyof typeof STRATEGIES,
  market: MarketData,
  symbol: string,
  settings: StrategySettings = SETTINGS,
): number[] {
  const ctx = strategyContext(market, settings);
  const s = market.series.get(symbol);
  if (s === undefined) throw new Error(symbol);
  return [...STRATEGIES[name].signals(s, ctx).entries()].filter(([, v]) => v === 1).map(([i]) => i);
}

/** Deterministic wiggle so closes are never perfectly flat. */
const wiggle = (n: number, level = 100, amp = 0.3): number[] =>
  Array.from({ length: n }, (_, i) => level + amp * Math.sin(i * 1.7));
const trend = (n: number, from: number, daily: number): number[] =>
  Array.from({ length: n }, (_, i) => from * (1 + daily) ** i * (1 + 0.002 * Math.sin(i * 1.3)));

describe('single-series strategies on crafted series', () => {
  it('rsi_mean_reversion: fires on the first up day after a gentle slide near VWAP, never during the slide', () => {
    const closes = [...wiggle(30), ...Array.from({ length: 15 }, (_, k) => 100 * 0.996 ** (k + 1))];
    closes.push((closes[closes.length - 1] ?? 0) * 1.003);
    const m = marketOf({ AAA: fromCloses(closes) });
    expect(signalsOf('rsi_mean_reversion', m, 'AAA')).toEqual([closes.length - 1]);
  });

  it('mean_reversion: fires when the close falls two SDs under its 20-day mean', () => {
    const closes = [...wiggle(40), 92];
    expect(signalsOf('mean_reversion', marketOf({ AAA: fromCloses(closes) }), 'AAA')).toEqual([40]);
  });

  it('relative_volume_breakout: needs both the new 20-day high and > 2x volume', () => {
    const rows = fromCloses([...wiggle(30), 105, 100, 106], 0.002, [
      ...Array<number>(30).fill(1e6),
      3e6,
      1e6,
      1.5e6,
    ]);
    expect(signalsOf('relative_volume_breakout', marketOf({ AAA: rows }), 'AAA')).toEqual([30]);
  });

  it('gap_fill: a gap down over 2% still open at the close', () => {
    const rows: Row[] = [
      flat(100),
      [97, 98.5, 96.5, 98],
      flat(98),
      [95, 99, 94.5, 98.5],
      flat(98.5),
      [97.5, 98, 97, 97.6],
    ];
    expect(signalsOf('gap_fill', marketOf({ AAA: rows }), 'AAA')).toEqual([1]);
  });

  it('momentum: a 20-day rise over 5% on rising volume', () => {
    const closes = [...wiggle(60), ...trend(25, 100, 0.005)];
    const volumes = [...Array<number>(60).fill(1e6), ...Array<number>(25).fill(1.6e6)];
    const hits = signalsOf(
      'momentum',
      marketOf({ AAA: fromCloses(closes, 0.002, volumes) }),
      'AAA',
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((i) => i >= 70)).toBe(true);
  });

  it('ma_crossover: one signal where SMA(20) crosses above SMA(100) in a strong trend', () => {
    const closes = [...trend(130, 150, -0.003), ...trend(80, 150 * 0.997 ** 129, 0.012)];
    const m = marketOf({ AAA: fromCloses(closes) });
    const hits = signalsOf('ma_crossover', m, 'AAA');
    const fast = sma(closes, 20);
    const slow = sma(closes, 100);
    expect(hits).toHaveLength(1);
    const i = hits[0] ?? 0;
    expect(fast[i]! > slow[i]! && fast[i - 1]! <= slow[i - 1]!).toBe(true);
  });

  it('vol_managed_momentum: a steady uptrend qualifies after the 12-month look-back, a downtrend never does', () => {
    const up = signalsOf(
      'vol_managed_momentum',
      marketOf({ AAA: fromCloses(trend(300, 50, 0.002)) }),
      'AAA',
    );
    expect(up[0]).toBe(252);
    expect(
      signalsOf(
        'vol_managed_momentum',
        marketOf({ AAA: fromCloses(trend(300, 50, -0.002)) }),
        'AAA',
      ),
    ).toEqual([]);
  });

  it('ml_momentum: learns a regular cycle from past data only, and its signals mostly precede 5-day gains', () => {
    const closes = Array.from(
      { length: 700 },
      (_, i) =>
        100 * Math.exp(0.08 * Math.sin((2 * Math.PI * i) / 30)) * (1 + 0.001 * Math.sin(i * 2.3)),
    );
    const hits = signalsOf('ml_momentum', marketOf({ AAA: fromCloses(closes) }), 'AAA');
    expect(hits.length).toBeGreaterThan(50);
    expect(Math.min(...hits)).toBeGreaterThanOrEqual(STRATEGIES.ml_momentum.warmup);
    const right = hits.filter(
      (i) => i + ML.horizon < closes.length && closes[i + ML.horizon]! > closes[i]!,
    ).length;
    expect(right / hits.filter((i) => i + ML.horizon < closes.length).length).toBeGreaterThan(0.7);
  });
});

describe('cross-sectional strategies', () => {
  it('factor_momentum: only the symbol in the top quintile of 6-1 momentum', () => {
    const n = 200;
    const m = marketOf({
      AAA: fromCloses(trend(n, 50, 0.004)),
      BBB: fromCloses(trend(n, 50, 0.001)),
      CCC: fromCloses(wiggle(n)),
      DDD: fromCloses(trend(n, 80, -0.001)),
      EEE: fromCloses(trend(n, 60, -0.002)),
    });
    expect(signalsOf('factor_momentum', m, 'AAA')[0]).toBe(126);
    expect(signalsOf('factor_momentum', m, 'BBB')).toEqual([]);
    expect(signalsOf('factor_momentum', m, 'DDD')).toEqual([]);
  });

  it('sector_rotation: symbols of the top 3 sectors by 63-day return, with their own return positive', () => {
    const n = 100;
    const m = marketOf({
      AAPL: fromCloses(trend(n, 100, 0.004)),
      XOM: fromCloses(trend(n, 100, 0.003)),
      JPM: fromCloses(trend(n, 100, 0.002)),
      KO: fromCloses(trend(n, 100, -0.001)),
      JNJ: fromCloses(trend(n, 100, -0.002)),
    });
    expect(signalsOf('sector_rotation', m, 'AAPL')[0]).toBe(63);
    expect(signalsOf('sector_rotation', m, 'JPM').length).toBeGreaterThan(0);
    expect(signalsOf('sector_rotation', m, 'KO')).toEqual([]);
    expect(
      STRATEGIES.sector_rotation.unavailable(
        strategyContext(marketOf({ ZZZ: fromCloses(wiggle(10)) }), SETTINGS),
      ),
    ).toMatch(/sector/);
  });

  it('vix_regime_rotation: risk-on symbols in calm regimes, defensive ones in stressed regimes', () => {
    const n = 120;
    const vix = [...Array<number>(60).fill(12), ...Array<number>(60).fill(30)].map((v) => flat(v));
    const m = marketOf({
      AAPL: fromCloses(trend(n, 100, 0.003)),
      KO: fromCloses(trend(n, 50, 0.002)),
      VIXY: vix,
    });
    const aapl = signalsOf('vix_regime_rotation', m, 'AAPL');
    const ko = signalsOf('vix_regime_rotation', m, 'KO');
    expect(aapl.length).toBeGreaterThan(0);
    expect(aapl.every((i) => i < 60)).toBe(true);
    expect(ko.every((i) => i >= 60)).toBe(true);
    expect(ko.length).toBeGreaterThan(0);
    expect(
      STRATEGIES.vix_regime_rotation.unavailable(
        strategyContext(marketOf({ AAPL: fromCloses(wiggle(10)) }), SETTINGS),
      ),
    ).toMatch(/VIXY/);
  });

  it('pairs_trading: the cheap leg of a cointegrated pair after its spread drops 2 SDs', () => {
    const n = 320;
    let level = 50;
    const ko = Array.from(
      { length: n },
      (_, i) => (level *= Math.exp(0.01 * Math.sin(i * 0.77) + 0.004 * Math.cos(i * 2.1))),
    );
    const pep = ko.map(
      (c, i) => c * 0.8 * Math.exp(0.004 * Math.sin(i * 1.9)) * (i === 300 ? 0.95 : 1),
    );
    const other = trend(n, 70, 0.001).map((c, i) => c * (1 + 0.02 * Math.sin(i * 0.31)));
    const m = marketOf({ KO: fromCloses(ko), PEP: fromCloses(pep), XOM: fromCloses(other) });
    expect(signalsOf('pairs_trading', m, 'PEP')).toContain(300);
    expect(Math.min(...signalsOf('pairs_trading', m, 'PEP'))).toBeGreaterThanOrEqual(252);
  });

  it('quality_smallcap_value: screened symbols on a pullback in an uptrend; skipped without the fundamentals file', () => {
    const closes = [...trend(230, 50, 0.003), ...trend(8, 50 * 1.003 ** 229, -0.01)];
    const m = marketOf({ KO: fromCloses(closes) });
    const good: Fundamentals = {
      symbol: 'KO',
      marketCap: 1.2e9,
      pe: 11,
      roe: 0.18,
      debtToEquity: 0.4,
    };
    const hits = signalsOf('quality_smallcap_value', m, 'KO', {
      ...SETTINGS,
      fundamentals: new Map([['KO', good]]),
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((i) => i >= 230)).toBe(true);
    expect(
      signalsOf('quality_smallcap_value', m, 'KO', {
        ...SETTINGS,
        fundamentals: new Map([['KO', { ...good, pe: 40 }]]),
      }),
    ).toEqual([]);
    expect(STRATEGIES.quality_smallcap_value.unavailable(strategyContext(m, SETTINGS))).toMatch(
      /fundamentals\.csv not found/,
    );
  });
});
