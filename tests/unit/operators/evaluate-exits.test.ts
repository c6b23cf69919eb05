import { describe, it } from 'vitest';
import type { ExitTrack } from '../../../src/domain/holdings/daemon-events.ts';
import type { MarketTrade } from '../../../src/domain/events.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/config/exit-rules-config.ts';
import { price } from '../../../src/domain/money.ts';
import { evaluateExits, type ExitTick } from '../../../src/operators/evaluate-exits.ts';
import { marbles } from '../../support/marbles.ts';

const DAY = 86_400_000;
const T = 1_000_000;
const track = (fraction = 0): ExitTrack => ({
  kind: 'ExitTrack',
  symbol: 'AAPL',
  state: { entryPrice: 100, tsEntry: T, highWater: 100 },
  fraction,
  rescaled: false,
});
const untrack: ExitTrack = {
  kind: 'ExitTrack',
  symbol: 'AAPL',
  state: null,
  fraction: 0,
  rescaled: false,
};
const trade = (p: number, ts = T + 1): MarketTrade => ({
  kind: 'MarketTrade',
  symbol: 'AAPL',
  price: price(p),
  size: 100,
  tsEvent: ts,
});
const tick = (now: number, sessionOpen = true): ExitTick => ({
  kind: 'ExitTick',
  now,
  sessionOpen,
});
const options = { rules: DEFAULT_EXIT_RULES, staleMs: 60_000 };

describe('evaluateExits', () => {
  it('raises M, arms trailing at +2%, and signals at the floor E + 50% x (M - E), not above', () => {
    marbles().run(({ cold, expectObservable }) => {
      const in$ = cold('a-b-c-d|', { a: track(), b: trade(104), c: trade(102.01), d: trade(102) });
      expectObservable(in$.pipe(evaluateExits(options))).toBe('--h---x|', {
        h: { kind: 'HighWaterRaised', symbol: 'AAPL', highWater: 104 },
        x: {
          kind: 'SoftExitDue',
          symbol: 'AAPL',
          decision: { rule: 'trailing', price: 102, floor: 102 },
        },
      });
    });
  });

  it('arms break-even at +1.5% and signals when the price is back at E', () => {
    marbles().run(({ cold, expectObservable }) => {
      const in$ = cold('a-b-c-d|', { a: track(), b: trade(101.6), c: trade(100.5), d: trade(100) });
      expectObservable(in$.pipe(evaluateExits(options))).toBe('--h---x|', {
        h: { kind: 'HighWaterRaised', symbol: 'AAPL', highWater: 101.6 },
        x: {
          kind: 'SoftExitDue',
          symbol: 'AAPL',
          decision: { rule: 'break_even', price: 100, floor: 100 },
        },
      });
    });
  });

  it('takes a rescaled mark as it is after a split: a pre-split high never arms the trailing rule on the new prices', () => {
    marbles().run(({ cold, expectObservable }) => {
      const split: ExitTrack = {
        kind: 'ExitTrack',
        symbol: 'AAPL',
        state: { entryPrice: 25, tsEntry: T, highWater: 26 },
        fraction: 0,
        rescaled: true,
      };
      // Before the split M reached 104; restated, 26 (= 104 / 4): the trailing floor is 25.5, so 25.8 keeps the position
      // (kept at 104, the floor would be 64.5 and it would sell).
      const in$ = cold('a-b-s-c|', { a: track(), b: trade(104), s: split, c: trade(25.8) });
      expectObservable(in$.pipe(evaluateExits(options))).toBe('--h----|', {
        h: { kind: 'HighWaterRaised', symbol: 'AAPL', highWater: 104 },
      });
    });
  });

  it('ignores untracked symbols and forgets a closed position', () => {
    marbles().run(({ cold, expectObservable }) => {
      const in$ = cold('b-a-u-b|', { a: track(), u: untrack, b: trade(90) });
      expectObservable(in$.pipe(evaluateExits(options))).toBe('-------|');
    });
  });

  it('signals the time stop on the timer once the position is older than 7 days, and stale prices in session', () => {
    marbles().run(({ cold, expectObservable }) => {
      // Exactly 7 days is not older than 7 days; the timer reports stale prices only in session.
      const in$ = cold('a-t-u-v-----|', {
        a: track(),
        t: tick(T + 7 * DAY),
        u: tick(T + 7 * DAY + 1, false),
        v: tick(T + 7 * DAY + 2),
      });
      const due = {
        kind: 'SoftExitDue',
        symbol: 'AAPL',
        decision: { rule: 'time_stop', price: 100, floor: null },
      };
      expectObservable(in$.pipe(evaluateExits(options))).toBe('--s-x-(xy)--|', {
        s: { kind: 'PricesStale', symbols: ['AAPL'] },
        x: due,
        y: { kind: 'PricesStale', symbols: ['AAPL'] },
      });
    });
  });

  it("watches the fractional remainder's target", () => {
    marbles().run(({ cold, expectObservable }) => {
      const in$ = cold('a-b----|', { a: track(0.5), b: trade(120) });
      expectObservable(in$.pipe(evaluateExits(options))).toBe('--(hf)-|', {
        h: { kind: 'HighWaterRaised', symbol: 'AAPL', highWater: 120 },
        f: { kind: 'FractionTargetDue', symbol: 'AAPL', price: 120, target: 120 },
      });
    });
  });
});
