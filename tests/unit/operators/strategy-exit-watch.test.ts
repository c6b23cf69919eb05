/**
 * The strategy-exit record of a held symbol (operators/strategy-exit-watch.ts): today's trades fold into the VWAP
 * and start from zero on a new New York day; a basis that already holds today's bar decides nothing; the decision
 * is a soft exit named `strategy exit (<rule>)` at the trade's price; sessions are counted from the entry's.
 */
import { describe, expect, it } from 'vitest';
import { dailyBasis, type DailyBar } from '../../../src/domain/rules/strategy-exits/daily-basis.ts';
import { nyToEpoch } from '../../../src/domain/time/ny-time.ts';
import {
  foldTrade,
  openStrategyWatch,
  strategyExitAt,
  type StrategyWatch,
} from '../../../src/operators/strategy-exit-watch.ts';

/** 29 sessions (April 1 to 29) falling from 130 to 102 by 1 a day: RSI far below 50, the 20-day VWAP at 111. */
const FALLING: DailyBar[] = Array.from({ length: 29 }, (_, i) => {
  const close = 130 - i;
  return {
    date: `2024-04-${String(i + 1).padStart(2, '0')}`,
    high: close + 0.5,
    low: close - 0.5,
    close,
    volume: 1_000,
  };
});

function watch(strategy: string, entryDate: string): StrategyWatch {
  const basis = dailyBasis(FALLING);
  const w = openStrategyWatch(
    { kind: 'StrategyBasis', symbol: 'X', strategy, basis },
    nyToEpoch(entryDate, '10:00'),
  );
  if (w === null) throw new Error('no watch');
  return w;
}

describe('strategy exit watch', () => {
  const today = nyToEpoch('2024-04-30', '11:00');

  it('RSI mean reversion: nothing at the last close, the VWAP, then RSI above 50 (checked first)', () => {
    const w = watch('rsi_mean_reversion', '2024-04-29');
    expect(strategyExitAt(w, 102, today)).toBeNull();
    expect(strategyExitAt(w, 111.5, today)?.rule).toBe('strategy exit (price_at_vwap)');
    expect(strategyExitAt(w, 116, today)).toMatchObject({
      rule: 'strategy exit (rsi_above_50)',
      price: 116,
      floor: null,
    });
  });

  it("today's trades pull the VWAP, and a new day starts them again", () => {
    const w = watch('rsi_mean_reversion', '2024-04-29');
    foldTrade(w, 100, 1_000_000, today);
    expect(w.todayVolume).toBe(1_000_000);
    // The VWAP is now close to 100: a price just above it exits by the VWAP before RSI reaches 50.
    expect(strategyExitAt(w, 100.5, today)?.rule).toBe('strategy exit (price_at_vwap)');
    strategyExitAt(w, 100.5, nyToEpoch('2024-05-01', '09:31'));
    expect(w.todayVolume).toBe(0);
  });

  it('a basis holding today decides nothing', () => {
    const w = watch('ma_crossover', '2024-04-01');
    expect(strategyExitAt(w, 10, nyToEpoch('2024-04-29', '12:00'))).toBeNull();
    expect(strategyExitAt(w, 10, today)).toBeNull();
  });

  it('momentum: its hold period counts sessions from the entry', () => {
    expect(strategyExitAt(watch('momentum', '2024-04-02'), 102, today)?.rule).toBe(
      'strategy exit (hold_period)',
    );
    expect(strategyExitAt(watch('momentum', '2024-04-12'), 102, today)).toBeNull();
  });

  it('no watch without a strategy or a basis', () => {
    expect(
      openStrategyWatch(
        { kind: 'StrategyBasis', symbol: 'X', strategy: null, basis: dailyBasis(FALLING) },
        0,
      ),
    ).toBeNull();
    expect(
      openStrategyWatch(
        { kind: 'StrategyBasis', symbol: 'X', strategy: 'momentum', basis: null },
        0,
      ),
    ).toBeNull();
  });
});
