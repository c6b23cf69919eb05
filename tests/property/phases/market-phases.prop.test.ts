/**
 * Invariants of the market phases (domain/phases/market-phases.ts), on the NYSE calendar of 2015-2030:
 * - every instant has exactly one phase; a session's phases come in order, contiguous, from PRE_MARKET to
 *   AFTER_HOURS, and OVERNIGHT fills the rest, belonging to the session before it;
 * - PRE_MARKET begins at its New York wall time on either side of a DST change; MARKET_OPEN starts at the open;
 *   MARKET_CLOSE is the last closing_min minutes before the close, an early close's (13:00) included;
 * - a holiday or a weekend has no phase but OVERNIGHT; changing an option moves only its own boundary.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../../src/domain/account.ts';
import { addDays, nyDate, nyToEpoch, nyWall } from '../../../src/domain/time/ny-time.ts';
import {
  MARKET_PHASES,
  phaseAt,
  sessionWindows,
  type PhaseOptions,
} from '../../../src/domain/phases/market-phases.ts';
import { createNyseCalendar } from '../../../src/sim/market/calendar.ts';

const MINUTE = 60_000;
const calendar = createNyseCalendar();
const sessionsBetween = (from: string, to: string): CalendarDay[] =>
  calendar
    .sessionsBetween(from, to)
    .map((s) => ({ date: s.date, tsOpen: s.tsOpen, tsClose: s.tsClose }));
const DEFAULTS: PhaseOptions = {
  preMarketStart: '06:30',
  openingMs: 5 * MINUTE,
  closingMs: 15 * MINUTE,
  afterHoursMs: 120 * MINUTE,
};
const wallOf = (ts: number) => {
  const w = nyWall(ts);
  return `${String(w.hh).padStart(2, '0')}:${String(w.mm).padStart(2, '0')}`;
};

const instant = fc.integer({ min: Date.UTC(2015, 0, 10), max: Date.UTC(2030, 11, 20) });
const options = fc.record({
  // Before the open (a later start leaves PRE_MARKET empty: the phase is then skipped).
  preMarketStart: fc
    .integer({ min: 4 * 60, max: 9 * 60 + 29 })
    .map(
      (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
    ),
  openingMs: fc.integer({ min: 1, max: 60 }).map((m) => m * MINUTE),
  closingMs: fc.integer({ min: 1, max: 60 }).map((m) => m * MINUTE),
  afterHoursMs: fc.integer({ min: 1, max: 480 }).map((m) => m * MINUTE),
});

describe('market phases', () => {
  test.prop([instant, options])(
    'each instant has one phase, inside its window, belonging to the right day',
    (ts, o) => {
      const day = nyDate(ts);
      const sessions = sessionsBetween(addDays(day, -10), addDays(day, 10));
      const w = phaseAt(ts, sessions, o);
      expect(MARKET_PHASES).toContain(w.phase);
      expect(ts).toBeGreaterThanOrEqual(w.tsStart);
      if (w.tsEnd !== null) expect(ts).toBeLessThan(w.tsEnd);
      const session = sessions.find((s) => s.date === w.day);
      expect(session, `a phase belongs to a session: ${w.day}`).toBeDefined();
      if (w.phase !== 'OVERNIGHT') expect(w.day).toBe(day);
      // The phase ends where the next one begins: just before its end, it is still the same phase.
      if (w.tsEnd !== null) expect(phaseAt(w.tsEnd - 1, sessions, o)).toEqual(w);
    },
  );

  test.prop([fc.integer({ min: 0, max: 3_700 }), options])(
    'a session: phases in order, contiguous, at their New York times',
    (n, o) => {
      const sessions = sessionsBetween('2015-01-01', '2030-12-31');
      const s = sessions[n % sessions.length] as CalendarDay;
      const ws = sessionWindows(s, o);
      expect(ws.map((w) => w.phase)).toEqual(
        MARKET_PHASES.filter((p) => p !== 'OVERNIGHT' && ws.some((w) => w.phase === p)),
      );
      for (let i = 1; i < ws.length; i += 1) expect(ws[i]?.tsStart).toBe(ws[i - 1]?.tsEnd);
      expect(ws[0]?.phase).toBe('PRE_MARKET');
      expect(wallOf(ws[0]?.tsStart ?? 0)).toBe(o.preMarketStart);
      expect(ws.find((w) => w.phase === 'MARKET_OPEN')?.tsStart).toBe(s.tsOpen);
      const close = ws.find((w) => w.phase === 'MARKET_CLOSE');
      expect(close?.tsEnd).toBe(s.tsClose);
      expect(close?.tsStart).toBe(Math.max(s.tsOpen + o.openingMs, s.tsClose - o.closingMs));
      expect(ws.at(-1)).toMatchObject({
        phase: 'AFTER_HOURS',
        tsStart: s.tsClose,
        tsEnd: s.tsClose + o.afterHoursMs,
      });
    },
  );
});

describe('the days that move the phases', () => {
  const at = (day: string, hhmm: string) =>
    phaseAt(nyToEpoch(day, hhmm), sessionsBetween(addDays(day, -10), addDays(day, 10)), DEFAULTS);

  it('a normal day: 06:30 PRE_MARKET, 09:30 MARKET_OPEN, 09:35 TRADING, 15:45 MARKET_CLOSE, 16:00 AFTER_HOURS, 18:00 OVERNIGHT', () => {
    const seen = [
      '06:29',
      '06:30',
      '09:29',
      '09:30',
      '09:35',
      '15:44',
      '15:45',
      '16:00',
      '17:59',
      '18:00',
      '23:59',
    ].map((t) => [t, at('2024-05-01', t).phase]);
    expect(seen).toEqual([
      ['06:29', 'OVERNIGHT'],
      ['06:30', 'PRE_MARKET'],
      ['09:29', 'PRE_MARKET'],
      ['09:30', 'MARKET_OPEN'],
      ['09:35', 'TRADING'],
      ['15:44', 'TRADING'],
      ['15:45', 'MARKET_CLOSE'],
      ['16:00', 'AFTER_HOURS'],
      ['17:59', 'AFTER_HOURS'],
      ['18:00', 'OVERNIGHT'],
      ['23:59', 'OVERNIGHT'],
    ]);
    expect(at('2024-05-01', '06:29').day).toBe('2024-04-30');
    expect(at('2024-05-01', '18:00').day).toBe('2024-05-01');
  });

  it('an early close (2024-07-03, 13:00): MARKET_CLOSE at 12:45, AFTER_HOURS 13:00 to 15:00', () => {
    expect(
      ['12:44', '12:45', '13:00', '14:59', '15:00', '16:00'].map((t) => at('2024-07-03', t).phase),
    ).toEqual(['TRADING', 'MARKET_CLOSE', 'AFTER_HOURS', 'AFTER_HOURS', 'OVERNIGHT', 'OVERNIGHT']);
  });

  it('a holiday (2024-07-04) and a weekend are OVERNIGHT all day, belonging to the last session', () => {
    for (const t of ['06:30', '09:30', '12:00', '16:00'])
      expect(at('2024-07-04', t)).toMatchObject({ phase: 'OVERNIGHT', day: '2024-07-03' });
    for (const t of ['06:30', '12:00'])
      expect(at('2024-07-06', t)).toMatchObject({ phase: 'OVERNIGHT', day: '2024-07-05' });
    expect(at('2024-07-05', '06:30')).toMatchObject({ phase: 'PRE_MARKET', day: '2024-07-05' });
  });

  it('across both DST changes PRE_MARKET begins at 06:30 New York: 11:30Z in winter, 10:30Z in summer', () => {
    const start = (day: string) => new Date(at(day, '07:00').tsStart).toISOString();
    expect(start('2024-03-08')).toBe('2024-03-08T11:30:00.000Z');
    expect(start('2024-03-11')).toBe('2024-03-11T10:30:00.000Z');
    expect(start('2024-11-01')).toBe('2024-11-01T10:30:00.000Z');
    expect(start('2024-11-04')).toBe('2024-11-04T11:30:00.000Z');
    // The weekend of the change is one OVERNIGHT, from Friday 18:00 EDT to Monday 06:30 EST.
    const overnight = at('2024-11-03', '12:00');
    expect(new Date(overnight.tsStart).toISOString()).toBe('2024-11-01T22:00:00.000Z');
    expect(new Date(overnight.tsEnd ?? 0).toISOString()).toBe('2024-11-04T11:30:00.000Z');
  });
});
