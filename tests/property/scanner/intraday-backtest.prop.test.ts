/**
 * Rules of the intraday backtest (scanner/intraday) on random 1-minute sessions, for each strategy:
 * - no look-ahead: a decision on bar i is the same whatever the bars after i;
 * - at most one trade a session; filled at a bar's open after the decision and before the entry cutoff;
 * - out at the stop (at or below it), the target (at or above it), or MARKET_CLOSE's first bar's open, never later;
 *   the exit price is one the exit bar traded;
 * - costs only take away: the net return is below the gross one, and equal to it at zero cost.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Bar } from '../../../src/domain/account.ts';
import { backtestSession } from '../../../src/scanner/intraday/intraday-backtest.ts';
import type { IntradaySession } from '../../../src/domain/rules/intraday/intraday-session.ts';
import {
  decider,
  firstEntrySignal,
  INTRADAY_STRATEGIES,
  type IntradayParams,
} from '../../../src/domain/rules/intraday/intraday-signals.ts';

const OPEN = Date.parse('2024-05-01T13:30:00Z');
const MIN = 60_000;
const CLOSE = OPEN + 390 * MIN;

/** A random walk of 1-minute bars (moves in basis points), a session's worth or less (a history ending inside it). */
const sessionArb = fc
  .record({
    start: fc.double({ min: 5, max: 500, noNaN: true }),
    prevMove: fc.integer({ min: -800, max: 800 }),
    moves: fc.array(
      fc.record({
        body: fc.integer({ min: -60, max: 60 }),
        wickUp: fc.integer({ min: 0, max: 40 }),
        wickDown: fc.integer({ min: 0, max: 40 }),
        gap: fc.integer({ min: -10, max: 10 }),
        volume: fc.integer({ min: 0, max: 5_000 }),
      }),
      { minLength: 2, maxLength: 390 },
    ),
  })
  .map(({ start, prevMove, moves }): IntradaySession => {
    let price = start;
    const bars = moves.map((m, i): Bar => {
      const open = price * (1 + m.gap / 10_000);
      const close = open * (1 + m.body / 10_000);
      price = close;
      return {
        ts: OPEN + i * MIN,
        open,
        close,
        high: Math.max(open, close) * (1 + m.wickUp / 10_000),
        low: Math.min(open, close) * (1 - m.wickDown / 10_000),
        volume: m.volume,
      };
    });
    return {
      date: '2024-05-01',
      tsOpen: OPEN,
      tsClose: CLOSE,
      bars,
      prevClose: start * (1 + prevMove / 10_000),
    };
  });

const paramsArb: fc.Arbitrary<IntradayParams> = fc.record({
  orb: fc.record({ range_min: fc.integer({ min: 1, max: 120 }) }),
  vwap_reversion: fc.record({ band_pct: fc.double({ min: 0.05, max: 5, noNaN: true }) }),
  intraday_gap_fill: fc.record({
    min_gap_pct: fc.double({ min: 0.1, max: 3, noNaN: true }),
    max_gap_pct: fc.double({ min: 3.1, max: 10, noNaN: true }),
  }),
});
const windowArb = fc.record({
  closingMin: fc.integer({ min: 1, max: 60 }),
  entryCutoffMin: fc.integer({ min: 0, max: 300 }),
});
const costsArb = fc.record({
  slippageBps: fc.double({ min: 0, max: 50, noNaN: true }),
  commissionPerShare: fc.double({ min: 0, max: 0.05, noNaN: true }),
});
const strategyArb = fc.constantFrom(...INTRADAY_STRATEGIES);

describe('the intraday backtest', () => {
  test.prop([strategyArb, sessionArb, paramsArb, fc.nat()])(
    'a decision on bar i does not depend on the bars after it',
    (name, s, p, cut) => {
      const k = cut % s.bars.length;
      const full = decider(name, s, p);
      const fullDecisions = s.bars.map((b, i) => full(b, i));
      const cutSession = { ...s, bars: s.bars.slice(0, k + 1) };
      const short = decider(name, cutSession, p);
      expect(cutSession.bars.map((b, i) => short(b, i))).toEqual(fullDecisions.slice(0, k + 1));
    },
  );

  test.prop([strategyArb, sessionArb, paramsArb, windowArb, costsArb])(
    'a backtest trade enters at the open after the first signal, the one the daemon acts on',
    (name, s, p, w, c) => {
      const t = backtestSession(name, s, p, w, c);
      if (t === null) return;
      expect(t.tsEntry).toBe((firstEntrySignal(name, s, p)?.bar.ts ?? NaN) + MIN);
    },
  );

  test.prop([strategyArb, sessionArb, paramsArb, windowArb, costsArb])(
    'entries before the cutoff, exits by MARKET_CLOSE at prices traded, costs only take away',
    (name, s, p, w, c) => {
      const t = backtestSession(name, s, p, w, c);
      if (t === null) return;
      const tsClosing = CLOSE - w.closingMin * MIN;
      const entryBar = s.bars.find((b) => b.ts === t.tsEntry);
      const exitBar = s.bars.find((b) => b.ts === t.tsExit);
      expect(entryBar?.open).toBe(t.entry);
      expect(t.tsEntry).toBeGreaterThan(OPEN);
      expect(t.tsEntry).toBeLessThan(tsClosing - w.entryCutoffMin * MIN);
      expect(t.tsExit).toBeGreaterThanOrEqual(t.tsEntry);
      expect(t.tsExit).toBeLessThanOrEqual(Math.max(tsClosing, s.bars.at(-1)?.ts ?? 0));
      if (t.reason === 'market_close' && t.tsExit === tsClosing) expect(t.exit).toBe(exitBar?.open);
      expect(t.exit).toBeGreaterThanOrEqual((exitBar?.low ?? 0) - 1e-9);
      expect(t.exit).toBeLessThanOrEqual((exitBar?.high ?? Infinity) + 1e-9);
      expect(t.netReturnPct).toBeLessThanOrEqual(t.grossReturnPct + 1e-9);
      const free = backtestSession(name, s, p, w, { slippageBps: 0, commissionPerShare: 0 });
      expect(free?.netReturnPct).toBeCloseTo(free?.grossReturnPct ?? NaN, 9);
    },
  );

  test.prop([strategyArb, sessionArb, paramsArb, windowArb])(
    'a stop exit is at or below the stop, a target exit at or above the target',
    (name, s, p, w) => {
      const t = backtestSession(name, s, p, w, { slippageBps: 0, commissionPerShare: 0 });
      if (t === null || t.reason === 'market_close') return;
      // The entry's levels, as the decider gave them on the bar before the fill.
      const d = decider(name, s, p);
      const levels = s.bars
        .map((b, i) => d(b, i))
        .find((e, i) => e !== null && s.bars[i + 1]?.ts === t.tsEntry);
      expect(levels).toBeDefined();
      if (t.reason === 'stop') expect(t.exit).toBeLessThanOrEqual(levels?.stop ?? -Infinity);
      else expect(t.exit).toBeGreaterThanOrEqual(levels?.target ?? Infinity);
    },
  );
});
