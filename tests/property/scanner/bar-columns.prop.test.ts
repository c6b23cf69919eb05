/**
 * The scan's data stage runs on columns (issue 19): the validator and the grid take typed arrays instead of a Bar
 * per session. Invariants, on random histories (sessions skipped, repeated, moved off the calendar, bad prices):
 * the columnar validator gives the verdict and the reason of the per-bar rules as they were written before (the
 * reference below); the grid holds the same dates, days and prices as building each series bar by bar; filtering
 * columns keeps what Array.filter keeps, in order.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Bar, CalendarDay } from '../../../src/domain/account.ts';
import { assembleMarketColumns } from '../../../src/scanner/data/assemble-market.ts';
import {
  barsFromColumns,
  columnsFromBars,
  filterColumns,
} from '../../../src/scanner/data/bar-columns.ts';
import { barDate } from '../../../src/scanner/data/bar-date.ts';
import {
  validateColumns,
  withSessionDays,
  type Validation,
  type ValidationContext,
} from '../../../src/scanner/data/validate-bars.ts';
import { dayNumber } from '../../../src/scanner/series.ts';

const DAY_MS = 86_400_000;
/** 2024-01-02, a Tuesday; sessions are weekdays from there. */
const FIRST_DAY = 19_724;

function weekdaySessions(n: number): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let day = FIRST_DAY; out.length < n; day += 1) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
    if (weekday === 0 || weekday === 6) continue;
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    out.push({
      date,
      tsOpen: day * DAY_MS + 14.5 * 3_600_000,
      tsClose: day * DAY_MS + 21 * 3_600_000,
    });
  }
  return out;
}

/** The per-bar validator as it was before the columns (the reference). */
function referenceValidate(bars: readonly Bar[], v: ValidationContext): Validation {
  const malformed = (b: Bar): string | null => {
    if (![b.open, b.high, b.low, b.close].every((p) => Number.isFinite(p) && p > 0))
      return 'a non-positive or non-finite price';
    if (b.high < Math.max(b.open, b.close, b.low) || b.low > Math.min(b.open, b.close))
      return 'high/low outside the open/close range';
    if (!Number.isFinite(b.volume) || b.volume < 0) return 'a negative or non-finite volume';
    return null;
  };
  const latest = v.sessions[v.sessions.length - 1];
  if (bars.length === 0 || latest === undefined) return { ok: false, reason: 'no daily bars' };
  const index = new Map(v.sessions.map((s, i) => [s.date, i]));
  let prev = -1;
  for (const b of bars) {
    const date = barDate(b);
    const problem = malformed(b);
    if (problem !== null) return { ok: false, reason: `bad bar on ${date}: ${problem}` };
    const i = index.get(date);
    if (i === undefined)
      return { ok: false, reason: `bar on ${date}, which is not a trading session` };
    if (i <= prev) return { ok: false, reason: `bars out of order or duplicated at ${date}` };
    if (i > prev + 1 && prev >= 0)
      return {
        ok: false,
        reason: `incomplete: ${i - prev - 1} session(s) missing before ${date} (first: ${v.sessions[prev + 1]?.date ?? '?'})`,
      };
    prev = i;
  }
  const last = v.sessions[prev] as CalendarDay;
  const ageHours = (latest.tsClose - last.tsClose) / 3_600_000;
  if (ageHours > v.staleAfterHours)
    return {
      ok: false,
      reason: `stale: last bar ${last.date} is ${Math.round(ageHours)} h older than the last session close (${latest.date}); limit ${v.staleAfterHours} h`,
    };
  return { ok: true };
}

const price = fc.oneof(
  { weight: 600, arbitrary: fc.double({ min: 1, max: 500, noNaN: true }) },
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY),
);
/** One step of a history: the next session, a skipped one, a repeat, a day off the calendar, or a step back. */
const move = fc.oneof({ weight: 80, arbitrary: fc.constant(1) }, fc.constantFrom(2, 0, -1, 0.5));
const barArb = fc.record({
  move,
  o: price,
  h: price,
  l: price,
  c: price,
  v: fc.oneof({ weight: 600, arbitrary: fc.nat(1e7) }, fc.constant(-5)),
  inverted: fc.oneof({ weight: 100, arbitrary: fc.constant(false) }, fc.constant(true)),
});

interface Step {
  readonly move: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  readonly inverted: boolean;
}

function history(sessions: readonly CalendarDay[], start: number, steps: readonly Step[]): Bar[] {
  let k = start;
  return steps.map((s, n) => {
    if (n > 0) k += Math.trunc(s.move);
    const session = sessions[Math.max(0, Math.min(sessions.length - 1, k))] as CalendarDay;
    // A half step puts the bar on a day after the session (off the calendar on a Friday: Saturday).
    const ts = dayNumber(session.date) * DAY_MS - 4 * 3_600_000 + (s.move === 0.5 ? DAY_MS : 0);
    const high = Math.max(s.h, s.o, s.c);
    return {
      ts,
      open: s.o,
      high,
      low: s.inverted ? high + 1 : Math.min(s.l, s.o, s.c),
      close: s.c,
      volume: s.v,
    };
  });
}

const sessions = weekdaySessions(60);

test.prop([fc.nat(30), fc.array(barArb, { maxLength: 40 }), fc.integer({ min: 0, max: 3000 })])(
  'the columnar validator gives the per-bar verdict and reason',
  (start, steps, staleAfterHours) => {
    const bars = history(sessions, start, steps);
    const v = { sessions, staleAfterHours };
    expect(validateColumns(columnsFromBars(bars), withSessionDays(v))).toEqual(
      referenceValidate(bars, v),
    );
  },
);

test.prop([
  fc.nat(30),
  fc.integer({ min: 1, max: 29 }),
  fc.array(fc.double({ min: 1, max: 500, noNaN: true }), { minLength: 30, maxLength: 30 }),
])(
  'a series on the grid holds the grid dates and days and the bars prices',
  (start, length, closes) => {
    const dates = sessions.map((s) => s.date);
    const bars = history(
      sessions,
      start,
      closes
        .slice(0, length)
        .map((c) => ({ move: 1, o: c, h: c + 1, l: c / 2, c, v: 100, inverted: false })),
    );
    const series = assembleMarketColumns(
      dates,
      ['X'],
      new Map([['X', columnsFromBars(bars)]]),
    ).series.get('X');
    expect(series?.start).toBe(start);
    expect(series?.dates).toEqual(bars.map(barDate));
    expect([...(series?.days ?? [])]).toEqual(bars.map((b) => dayNumber(barDate(b))));
    expect([...(series?.close ?? [])]).toEqual(bars.map((b) => b.close));
    expect([...(series?.volume ?? [])]).toEqual(bars.map((b) => b.volume));
  },
);

test.prop([fc.array(fc.tuple(barArb, fc.boolean()), { maxLength: 30 })])(
  'filtering columns keeps what Array.filter keeps, in order',
  (rows) => {
    const bars = history(
      sessions,
      0,
      rows.map(([b]) => ({ ...b, move: 1 })),
    );
    const keep = rows.map(([, k]) => k);
    expect(barsFromColumns(filterColumns(columnsFromBars(bars), (i) => keep[i] === true))).toEqual(
      bars.filter((_, i) => keep[i]),
    );
  },
);
