/**
 * Invariants of the synthetic market (src/sim/market):
 * - determinism: any two requested ranges agree on their overlap, whatever was asked first; two markets with the
 *   same seed are identical, different seeds differ;
 * - consistency: a daily bar is exactly the aggregate (o/h/l/c/v/n) of its minute bars; every bar has
 *   h >= max(o, c), l <= min(o, c), positive prices and whole non-negative volumes;
 * - prints lie inside their minute bar, inside (from, to], in time order across symbols;
 * - no lookahead: no bar is returned before it is complete (a daily bar only after its session closed).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { SimBar } from '../../../../src/sim/contracts.ts';
import { createNyseCalendar } from '../../../../src/sim/market/calendar.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';

const SESSIONS = createNyseCalendar().sessionsBetween('2010-01-01', '2026-12-31');
const DATES = SESSIONS.map((s) => s.date);
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const symbol = fc.oneof(
  fc.constantFrom('AAPL', 'KO', 'PEP', 'SPY', 'VIXY', 'QQQ', 'TSLA', 'MA'),
  fc.stringMatching(/^[A-Z]{1,4}[0-9]?$/),
);
const dateIndex = fc.integer({ min: 0, max: DATES.length - 1 });
const range = fc
  .tuple(dateIndex, dateIndex)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const date = (i: number): string => DATES[i] ?? '2024-05-01';
const RUNS = { numRuns: 25 };

/** Bars violating h >= max(o, c), l <= min(o, c), l > 0, whole v >= 0 (checked in bulk: expect() per bar is slow). */
const malformed = (bars: readonly SimBar[]): SimBar[] =>
  bars.filter(
    (b) =>
      !(
        b.h >= Math.max(b.o, b.c) &&
        b.l <= Math.min(b.o, b.c) &&
        b.l > 0 &&
        Number.isInteger(b.v) &&
        b.v >= 0
      ),
  );

test.prop([seed, symbol, range, range], RUNS)(
  'two ranges agree on their overlap, in any request order',
  (s, sym, r1, r2) => {
    const a = createSyntheticMarket({ seed: s });
    const b = createSyntheticMarket({ seed: s });
    const first = a.dailyBars(sym, date(r1[0]), date(r1[1]));
    b.dailyBars(sym, date(r2[0]), date(r2[1]));
    const again = b.dailyBars(sym, date(r1[0]), date(r1[1]));
    expect(again).toEqual(first);
    const lo = Math.max(r1[0], r2[0]);
    const hi = Math.min(r1[1], r2[1]);
    if (lo <= hi) {
      const second = a.dailyBars(sym, date(r2[0]), date(r2[1]));
      const overlap = (bars: SimBar[], start: number): SimBar[] =>
        bars.slice(lo - start, hi - start + 1);
      expect(overlap(second, r2[0])).toEqual(overlap(first, r1[0]));
    }
  },
);

test.prop([seed, symbol, dateIndex], RUNS)(
  'the same seed gives identical markets, another seed differs',
  (s, sym, i) => {
    const a = createSyntheticMarket({ seed: s }).minuteBars(sym, date(i));
    const b = createSyntheticMarket({ seed: s }).minuteBars(sym, date(i));
    expect(b).toEqual(a);
    const other = createSyntheticMarket({ seed: s + 1 }).dailyBars(
      sym,
      date(Math.max(0, i - 20)),
      date(i),
    );
    const same = createSyntheticMarket({ seed: s }).dailyBars(
      sym,
      date(Math.max(0, i - 20)),
      date(i),
    );
    expect(other).not.toEqual(same);
  },
);

test.prop([seed, symbol, dateIndex], RUNS)(
  'a daily bar is the aggregate of its minute bars; bars are well formed',
  (s, sym, i) => {
    const m = createSyntheticMarket({ seed: s });
    const minutes = m.minuteBars(sym, date(i));
    const [day] = m.dailyBars(sym, date(i), date(i));
    const session = SESSIONS[i];
    expect(day).toBeDefined();
    expect(minutes).toHaveLength(session?.early ? 210 : 390);
    if (!day) return;
    expect(malformed([day, ...minutes])).toEqual([]);
    expect(minutes[0]?.o).toBe(day.o);
    expect(minutes.at(-1)?.c).toBe(day.c);
    expect(Math.max(...minutes.map((b) => b.h))).toBe(day.h);
    expect(Math.min(...minutes.map((b) => b.l))).toBe(day.l);
    expect(minutes.reduce((t, b) => t + b.v, 0)).toBe(day.v);
    expect(minutes.reduce((t, b) => t + b.n, 0)).toBe(day.n);
  },
);

test.prop(
  [seed, dateIndex, fc.integer({ min: 0, max: 389 }), fc.integer({ min: 1, max: 400 })],
  RUNS,
)(
  'prints lie within their minute bars, inside (from, to], in time order',
  (s, i, startMinute, lengthMinutes) => {
    const symbols = ['AAPL', 'KO', 'VIXY', 'ZZZ1'];
    const m = createSyntheticMarket({ seed: s, symbols });
    const session = SESSIONS[i];
    if (!session) return;
    const from = session.tsOpen + startMinute * 60_000 - 30_000;
    const to = from + lengthMinutes * 60_000;
    const prints = m.printsBetween(from, to);
    const minutes = new Map(symbols.map((sym) => [sym, m.minuteBars(sym, session.date)]));
    const bad = prints.filter((p, k) => {
      const bar = minutes.get(p.symbol)?.[Math.floor((p.ts - session.tsOpen) / 60_000)];
      const ordered = k === 0 || p.ts >= (prints[k - 1]?.ts ?? Infinity);
      const inside = p.ts > from && p.ts <= to && p.ts >= session.tsOpen && p.ts < session.tsClose;
      return !(
        ordered &&
        inside &&
        bar !== undefined &&
        p.price >= bar.l &&
        p.price <= bar.h &&
        p.size > 0
      );
    });
    expect(bad).toEqual([]);
    const minutesCovered = Math.min(session.tsClose, to) - Math.max(session.tsOpen, from);
    if (minutesCovered >= 60_000) expect(prints.length).toBeGreaterThan(0);
  },
);

const timeframe = fc.oneof(
  fc.integer({ min: 1, max: 59 }).map((amount) => ({ unit: 'Min' as const, amount })),
  fc.integer({ min: 1, max: 23 }).map((amount) => ({ unit: 'Hour' as const, amount })),
  fc.constant({ unit: 'Day' as const, amount: 1 }),
  fc.constant({ unit: 'Week' as const, amount: 1 }),
  fc.constantFrom(1, 2, 3, 4, 6, 12).map((amount) => ({ unit: 'Month' as const, amount })),
);

test.prop([seed, symbol, timeframe, dateIndex, fc.integer({ min: 0, max: 3 * 86_400_000 })], RUNS)(
  'no bar is returned before it is complete',
  (s, sym, tf, i, offset) => {
    const m = createSyntheticMarket({ seed: s });
    const session = SESSIONS[i];
    if (!session) return;
    const now = session.tsOpen - 86_400_000 + offset;
    const spanMs = tf.unit === 'Min' || tf.unit === 'Hour' ? 3 * 86_400_000 : 400 * 86_400_000;
    const bars = m.bars(sym, tf, now - spanMs, now + spanMs, now);
    const cal = m.calendar;
    expect(malformed(bars)).toEqual([]);
    const early = bars.filter((b) => {
      if (b.t >= now) return true;
      if (tf.unit === 'Min' || tf.unit === 'Hour') {
        const own = cal.sessionAt(b.t) ?? cal.nextSessionAfter(b.t);
        return (
          now < Math.min(b.t + tf.amount * (tf.unit === 'Hour' ? 3_600_000 : 60_000), own.tsClose)
        );
      }
      return cal.nextSessionAfter(b.t).tsClose > now;
    });
    expect(early).toEqual([]);
    const daily = m.bars(sym, { unit: 'Day', amount: 1 }, now - spanMs, now + spanMs, now);
    expect(daily.filter((b) => cal.nextSessionAfter(b.t).tsClose > now)).toEqual([]);
  },
);
