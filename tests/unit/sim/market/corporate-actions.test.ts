/** The synthetic market's splits and dividends: seeded and stable, applied to raw prices, undone by `adjustment`. */
import { describe, expect, it } from 'vitest';
import { createActionSchedule } from '../../../../src/sim/market/corporate-actions.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';

const market = createSyntheticMarket({ seed: 42 });
const at = (iso: string): number => Date.parse(iso);

describe('the schedule', () => {
  it('is rare for splits, quarterly for the payers, none for VIXY, and the same for a seed whatever is asked first', () => {
    const splits = market.symbols.flatMap((s) =>
      market
        .corporateActions(s.symbol, '2010-01-01', '2026-12-31')
        .filter((a) => a.kind === 'split'),
    );
    expect(splits.length).toBeGreaterThan(3);
    expect(splits.length).toBeLessThan(30);
    expect(splits.every((a) => [2, 3, 4].includes(a.ratio) && a.cash === 0)).toBe(true);
    const aapl = market.corporateActions('AAPL', '2024-01-01', '2024-12-31');
    expect(aapl.map((a) => a.kind)).toEqual(['dividend', 'dividend', 'dividend', 'dividend']);
    expect(market.corporateActions('VIXY', '2010-01-01', '2026-12-31')).toEqual([]);
    expect(
      market
        .corporateActions('SPY', '2024-01-01', '2024-12-31')
        .every((a) => a.kind === 'dividend'),
    ).toBe(true);
    const again = createSyntheticMarket({ seed: 42 });
    again.dailyBars('AAPL', '2020-01-01', '2020-01-10');
    expect(again.corporateActions('AAPL', '2024-01-01', '2024-12-31')).toEqual(aapl);
    const a = createActionSchedule(7, 'MSFT').between(0, 5000);
    expect(createActionSchedule(7, 'MSFT').between(2000, 3000)).toEqual(
      a.filter((x) => x.exIndex >= 2000 && x.exIndex < 3000),
    );
  });

  it('dates a dividend (declared, ex = record, paid 10 sessions on) and prices it off the close before its ex-date', () => {
    const [d] = market.corporateActions('AAPL', '2024-01-01', '2024-12-31');
    const previous = market.dailyBars('AAPL', '2023-12-01', d?.exDate ?? '').at(-2);
    expect(d).toMatchObject({ recordDate: d?.exDate, previousClose: previous?.c });
    expect(d?.cash).toBe(Math.round((d?.cash ?? 0) * 100) / 100);
    expect((d?.cash ?? 0) / (d?.previousClose ?? 1)).toBeGreaterThan(0.0005);
    expect((d?.cash ?? 0) / (d?.previousClose ?? 1)).toBeLessThan(0.01);
    expect(market.calendar.sessionsBetween(d?.exDate ?? '', d?.payableDate ?? '')).toHaveLength(11);
    expect(d?.declarationDate.localeCompare(d.exDate)).toBeLessThan(0);
  });
});

describe('a split (META 4-for-1, ex-date 2024-08-16, seed 42)', () => {
  const [split] = market.corporateActions('META', '2024-08-16', '2024-08-16');

  it('divides raw prices and multiplies volumes from its ex-date, minute bars and prints included', () => {
    expect(split).toMatchObject({
      kind: 'split',
      ratio: 4,
      payableDate: '2024-08-15',
      exDate: '2024-08-16',
    });
    const [before, on] = market.dailyBars('META', '2024-08-15', '2024-08-16');
    expect((on?.o ?? 0) / (before?.c ?? 1)).toBeGreaterThan(0.2);
    expect((on?.o ?? 0) / (before?.c ?? 1)).toBeLessThan(0.3);
    expect(market.minuteBars('META', '2024-08-16')[0]?.o).toBe(on?.o);
    expect(market.priceAt('META', at('2024-08-15T20:30:00Z'))).toBe(before?.c);
  });

  it('is undone by the split adjustment as of a later date, and not as of an earlier one', () => {
    const raw = market.dailyBars('META', '2024-08-14', '2024-08-15');
    const adjusted = market.dailyBars('META', '2024-08-14', '2024-08-16', 'split');
    expect(adjusted[0]?.c).toBeCloseTo((raw[0]?.c ?? 0) / 4, 4);
    expect(adjusted[0]?.v).toBe((raw[0]?.v ?? 0) * 4);
    expect(adjusted[2]).toEqual(market.dailyBars('META', '2024-08-16', '2024-08-16')[0]);
    expect(market.dailyBars('META', '2024-08-14', '2024-08-15', 'split')).toEqual(raw);
    const hours = market.bars(
      'META',
      { unit: 'Hour', amount: 1 },
      at('2024-08-15T13:00:00Z'),
      at('2024-08-15T14:00:00Z'),
      at('2024-08-20T00:00:00Z'),
      'split',
    );
    const rawHours = market.bars(
      'META',
      { unit: 'Hour', amount: 1 },
      at('2024-08-15T13:00:00Z'),
      at('2024-08-15T14:00:00Z'),
      at('2024-08-20T00:00:00Z'),
    );
    expect(hours[0]?.o).toBeCloseTo((rawHours[0]?.o ?? 0) / 4, 4);
  });
});

describe('the dividend adjustment', () => {
  it('multiplies the history before an ex-date by 1 - cash / previous close, and leaves the rest', () => {
    const [d] = market.corporateActions('AAPL', '2024-01-01', '2024-03-31');
    const raw = market.dailyBars('AAPL', '2024-01-02', '2024-03-28');
    const adjusted = market.dailyBars('AAPL', '2024-01-02', '2024-03-28', 'dividend');
    const k = 1 - (d?.cash ?? 0) / (d?.previousClose ?? 1);
    const i = raw.findIndex((b) => new Date(b.t).toISOString().slice(0, 10) >= (d?.exDate ?? ''));
    expect(adjusted[0]?.c).toBeCloseTo((raw[0]?.c ?? 0) * k, 4);
    expect(adjusted[i]).toEqual(raw[i]);
    expect(market.dailyBars('AAPL', '2024-01-02', '2024-03-28', 'all')).toEqual(adjusted);
  });
});
