/** The synthetic market: universe, minute/daily consistency, timeframes, no lookahead, prints, price sanity, structure. */
import { describe, expect, it } from 'vitest';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { DEFAULT_SIM_SYMBOLS, symbolInfo } from '../../../../src/sim/market/universe.ts';

const market = createSyntheticMarket({ seed: 42, notFractionable: ['BAC'] });
const at = (iso: string): number => Date.parse(iso);
const logReturns = (closes: readonly number[]): number[] =>
  closes.slice(1).map((c, i) => Math.log(c / (closes[i] ?? c)));
function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (x: readonly number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let cov = 0;
  let va = 0;
  let vb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? mb;
    cov += (x - ma) * (y - mb);
    va += (x - ma) ** 2;
    vb += (y - mb) ** 2;
  });
  return cov / Math.sqrt(va * vb);
}

describe('universe', () => {
  it('lists the 40 default symbols with names, exchanges, sectors and fractionable flags', () => {
    expect(DEFAULT_SIM_SYMBOLS).toHaveLength(40);
    expect(new Set(DEFAULT_SIM_SYMBOLS).size).toBe(40);
    expect(market.symbols.map((s) => s.symbol)).toEqual(DEFAULT_SIM_SYMBOLS);
    expect(market.symbols.find((s) => s.symbol === 'AAPL')).toMatchObject({
      name: 'Apple Inc.',
      exchange: 'NASDAQ',
      sector: 'Information Technology',
      fractionable: true,
    });
    expect(market.symbols.find((s) => s.symbol === 'BAC')?.fractionable).toBe(false);
    expect(market.symbols.find((s) => s.symbol === 'VIXY')).toMatchObject({
      exchange: 'ARCA',
      sector: 'ETF',
    });
  });

  it('generates stable info and bars for unknown tickers', () => {
    expect(symbolInfo('ZZZ1')).toEqual(symbolInfo('ZZZ1'));
    expect(symbolInfo('ZZZ1').name).toContain('ZZZ1');
    const m = createSyntheticMarket({ seed: 1, symbols: ['ZZZ1', 'ZZZ2'] });
    expect(m.symbols.map((s) => s.symbol)).toEqual(['ZZZ1', 'ZZZ2']);
    expect(m.dailyBars('ZZZ1', '2024-01-01', '2024-01-31')).toHaveLength(21);
  });
});

describe('minute bars', () => {
  it('has 390 bars on a full day and 210 on an early close, starting at the open, one minute apart', () => {
    const full = market.minuteBars('AAPL', '2024-07-05');
    const early = market.minuteBars('AAPL', '2024-07-03');
    expect(full).toHaveLength(390);
    expect(early).toHaveLength(210);
    expect(full[0]?.t).toBe(at('2024-07-05T13:30:00Z'));
    expect(full[389]?.t).toBe(at('2024-07-05T19:59:00Z'));
    expect(market.minuteBars('AAPL', '2024-07-04')).toEqual([]);
  });

  it('aggregate exactly to the daily bar', () => {
    for (const symbol of ['AAPL', 'VIXY', 'PEP', 'SPY']) {
      const minutes = market.minuteBars(symbol, '2024-11-29');
      const day = market.dailyBars(symbol, '2024-11-29', '2024-11-29')[0];
      expect(day).toBeDefined();
      expect(minutes[0]?.o).toBe(day?.o);
      expect(minutes.at(-1)?.c).toBe(day?.c);
      expect(Math.max(...minutes.map((b) => b.h))).toBe(day?.h);
      expect(Math.min(...minutes.map((b) => b.l))).toBe(day?.l);
      expect(minutes.reduce((s, b) => s + b.v, 0)).toBe(day?.v);
      expect(minutes.reduce((s, b) => s + b.n, 0)).toBe(day?.n);
    }
  });

  it('has more volume in the first and last half hour than at midday (U shape)', () => {
    const minutes = market.minuteBars('MSFT', '2024-05-01');
    const sum = (from: number, to: number): number =>
      minutes.slice(from, to).reduce((s, b) => s + b.v, 0);
    expect(sum(0, 30)).toBeGreaterThan(sum(180, 210) * 1.5);
    expect(sum(360, 390)).toBeGreaterThan(sum(180, 210) * 1.2);
  });
});

describe('bars(timeframe, range, now)', () => {
  const day = { start: at('2024-05-01T04:00:00Z'), end: at('2024-05-02T04:00:00Z') };
  const after = at('2024-05-02T12:00:00Z');

  it('aggregates minutes into N-minute and hour bars aligned on New York midnight', () => {
    expect(market.bars('AAPL', { unit: 'Min', amount: 5 }, day.start, day.end, after)).toHaveLength(
      78,
    );
    const hours = market.bars('AAPL', { unit: 'Hour', amount: 1 }, day.start, day.end, after);
    expect(hours.map((b) => new Date(b.t).toISOString().slice(11, 16))).toEqual([
      '13:00',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
      '19:00',
    ]);
    const daily = market.bars('AAPL', { unit: 'Day', amount: 1 }, day.start, day.end, after);
    expect(daily).toHaveLength(1);
    expect(daily[0]?.t).toBe(day.start);
    const total = hours.reduce((s, b) => s + b.v, 0);
    expect(total).toBe(daily[0]?.v);
  });

  it('never returns a bar that is not complete at now', () => {
    const midday = at('2024-05-01T16:00:30Z');
    const minutes = market.bars('AAPL', { unit: 'Min', amount: 1 }, day.start, day.end, midday);
    expect(minutes.at(-1)?.t).toBe(at('2024-05-01T15:59:00Z'));
    expect(market.bars('AAPL', { unit: 'Day', amount: 1 }, day.start, day.end, midday)).toEqual([]);
    expect(
      market.bars(
        'AAPL',
        { unit: 'Day', amount: 1 },
        day.start,
        day.end,
        at('2024-05-01T20:00:00Z'),
      ),
    ).toHaveLength(1);
    const hours = market.bars('AAPL', { unit: 'Hour', amount: 1 }, day.start, day.end, midday);
    expect(hours.at(-1)?.t).toBe(at('2024-05-01T15:00:00Z'));
  });

  it('builds weeks and months from daily bars, stamped at their first session, complete only', () => {
    const weeks = market.bars(
      'SPY',
      { unit: 'Week', amount: 1 },
      at('2024-06-30T00:00:00Z'),
      at('2024-08-01T00:00:00Z'),
      at('2024-07-20T00:00:00Z'),
    );
    expect(weeks.map((b) => new Date(b.t).toISOString())).toEqual([
      '2024-07-01T04:00:00.000Z',
      '2024-07-08T04:00:00.000Z',
      '2024-07-15T04:00:00.000Z',
    ]);
    const days = market.dailyBars('SPY', '2024-07-01', '2024-07-05');
    expect(weeks[0]).toMatchObject({
      o: days[0]?.o,
      c: days.at(-1)?.c,
      v: days.reduce((s, b) => s + b.v, 0),
    });
    const quarters = market.bars(
      'SPY',
      { unit: 'Month', amount: 3 },
      at('2024-01-01T00:00:00Z'),
      at('2025-01-01T00:00:00Z'),
      at('2025-06-01T00:00:00Z'),
    );
    expect(quarters.map((b) => new Date(b.t).toISOString().slice(0, 10))).toEqual([
      '2024-01-02',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
    ]);
  });

  it('has no bars before the 2010 origin', () => {
    expect(market.dailyBars('AAPL', '2009-01-01', '2009-12-31')).toEqual([]);
    expect(
      market
        .dailyBars('AAPL', '2009-12-01', '2010-01-05')
        .map((b) => new Date(b.t).toISOString().slice(0, 10)),
    ).toEqual(['2010-01-04', '2010-01-05']);
  });
});

describe('prints and priceAt', () => {
  it('prints the open, the extremes in path order and the close of every minute, for every symbol', () => {
    const m = createSyntheticMarket({ seed: 3, symbols: ['AAPL', 'KO', 'SPY'] });
    const prints = m.printsBetween(at('2024-05-01T13:30:00Z'), at('2024-05-01T13:35:00Z'));
    expect(prints).toHaveLength(5 * 4 * 3);
    const minute = m.minuteBars('KO', '2024-05-01')[0];
    const ko = prints
      .filter((p) => p.symbol === 'KO')
      .slice(0, 4)
      .map((p) => p.price);
    expect(ko[0]).toBe(minute?.o);
    expect(ko[3]).toBe(minute?.c);
    expect([...ko].sort((a, b) => a - b)).toEqual(
      [minute?.l, minute?.o, minute?.c, minute?.h].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it('is empty outside regular hours', () => {
    expect(market.printsBetween(at('2024-05-01T20:00:00Z'), at('2024-05-02T13:30:00Z'))).toEqual(
      [],
    );
  });

  it('gives the last printed price, or the previous close outside hours', () => {
    const m = createSyntheticMarket({ seed: 5, symbols: ['MSFT'] });
    const prints = m.printsBetween(at('2024-05-01T13:30:00Z'), at('2024-05-01T14:00:00Z'));
    for (const p of prints) expect(m.priceAt('MSFT', p.ts)).toBe(p.price);
    const close = m.dailyBars('MSFT', '2024-05-01', '2024-05-01')[0]?.c;
    expect(m.priceAt('MSFT', at('2024-05-01T23:00:00Z'))).toBe(close);
    expect(m.priceAt('MSFT', at('2024-05-02T13:30:00.500Z'))).toBe(close);
  });
});

describe('market structure', () => {
  // The model's own path: history adjusted for the market's splits and dividends (raw prices jump at each one).
  const all = (symbol: string) => market.dailyBars(symbol, '2010-01-01', '2026-12-31', 'all');

  it('keeps every default symbol at plausible (adjusted) prices over the whole history, VIXY within 11-45', () => {
    for (const symbol of DEFAULT_SIM_SYMBOLS) {
      const bars = all(symbol);
      const lows = Math.min(...bars.map((b) => b.l));
      const highs = Math.max(...bars.map((b) => b.h));
      expect(lows, symbol).toBeGreaterThan(1);
      expect(highs, symbol).toBeLessThan(5000);
      if (symbol === 'VIXY')
        expect(
          [Math.min(...bars.map((b) => b.c)), Math.max(...bars.map((b) => b.c))].every(
            (c) => c >= 11 && c <= 45,
          ),
        ).toBe(true);
    }
  });

  it('moves VIXY against SPY and keeps the pairs cointegrated', () => {
    const spy = logReturns(all('SPY').map((b) => b.c));
    const vixy = logReturns(all('VIXY').map((b) => b.c));
    expect(correlation(spy, vixy)).toBeLessThan(-0.3);
    for (const [a, b] of [
      ['KO', 'PEP'],
      ['XOM', 'CVX'],
      ['V', 'MA'],
    ] as const) {
      const leader = all(a);
      const spread = all(b).map((bar, i) => Math.log(bar.c / (leader[i]?.c ?? bar.c)));
      const range = Math.max(...spread) - Math.min(...spread);
      const own = leader.map((bar) => Math.log(bar.c));
      expect(range, `${a}/${b}`).toBeLessThan(0.4);
      expect(Math.max(...own) - Math.min(...own), a).toBeGreaterThan(range * 2);
    }
  });
});
