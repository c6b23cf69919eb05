/** The NYSE calendar: holidays, early closes, special closures, DST-correct open/close instants, lookups. */
import { describe, expect, it } from 'vitest';
import { createNyseCalendar } from '../../../../src/sim/market/calendar.ts';

const cal = createNyseCalendar();
const iso = (ts: number): string => new Date(ts).toISOString();

describe('createNyseCalendar', () => {
  it('opens 09:30-16:00 New York in winter (EST) and summer (EDT)', () => {
    const winter = cal.sessionOn('2024-01-03');
    expect(winter && [iso(winter.tsOpen), iso(winter.tsClose), winter.early]).toEqual([
      '2024-01-03T14:30:00.000Z',
      '2024-01-03T21:00:00.000Z',
      false,
    ]);
    const summer = cal.sessionOn('2024-05-01');
    expect(summer && [iso(summer.tsOpen), iso(summer.tsClose)]).toEqual([
      '2024-05-01T13:30:00.000Z',
      '2024-05-01T20:00:00.000Z',
    ]);
  });

  it('switches offsets across DST weekends (2024-03-08 EST, 2024-03-11 EDT; 2024-11-01 EDT, 2024-11-04 EST)', () => {
    expect(iso(cal.sessionOn('2024-03-08')?.tsOpen ?? 0)).toBe('2024-03-08T14:30:00.000Z');
    expect(iso(cal.sessionOn('2024-03-11')?.tsOpen ?? 0)).toBe('2024-03-11T13:30:00.000Z');
    expect(iso(cal.sessionOn('2024-11-01')?.tsClose ?? 0)).toBe('2024-11-01T20:00:00.000Z');
    expect(iso(cal.sessionOn('2024-11-04')?.tsClose ?? 0)).toBe('2024-11-04T21:00:00.000Z');
  });

  it('has no sessions on weekends and holidays', () => {
    for (const d of [
      '2024-07-06',
      '2024-07-07',
      '2024-01-01',
      '2024-01-15',
      '2024-03-29',
      '2024-06-19',
      '2024-07-04',
      '2024-11-28',
      '2024-12-25',
      '2022-12-26',
    ]) {
      expect(cal.sessionOn(d), d).toBeUndefined();
    }
    // New Year's Day 2022 fell on a Saturday: NYSE stayed open on Friday 2021-12-31.
    expect(cal.sessionOn('2021-12-31')).toBeDefined();
  });

  it('closes early at 13:00 on July 3, the day after Thanksgiving and Christmas Eve (weekdays)', () => {
    for (const d of [
      '2024-07-03',
      '2024-11-29',
      '2024-12-24',
      '2019-07-03',
      '2018-12-24',
      '2025-07-03',
      '2025-11-28',
      '2025-12-24',
    ]) {
      const s = cal.sessionOn(d);
      expect(s?.early, d).toBe(true);
      expect(s && (s.tsClose - s.tsOpen) / 60_000, d).toBe(210);
    }
    expect(iso(cal.sessionOn('2024-07-03')?.tsClose ?? 0)).toBe('2024-07-03T17:00:00.000Z');
    expect(cal.sessionOn('2024-07-05')?.early).toBe(false);
  });

  it('knows the special closures (Hurricane Sandy, national days of mourning)', () => {
    for (const d of ['2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09'])
      expect(cal.sessionOn(d), d).toBeUndefined();
    expect(cal.sessionOn('2025-01-08')).toBeDefined();
  });

  it('lists sessions between dates, across years, inclusive', () => {
    expect(cal.sessionsBetween('2024-12-30', '2025-01-03').map((s) => s.date)).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-02',
      '2025-01-03',
    ]);
    expect(cal.sessionsBetween('2024-01-01', '2024-12-31')).toHaveLength(252);
  });

  it('finds the session at a time, the next one and the previous one', () => {
    const ts = Date.parse('2024-07-03T16:59:59Z');
    expect(cal.sessionAt(ts)?.date).toBe('2024-07-03');
    expect(cal.isOpen(Date.parse('2024-07-03T17:00:00Z'))).toBe(false);
    expect(cal.isOpen(Date.parse('2024-05-01T13:29:59Z'))).toBe(false);
    expect(cal.isOpen(Date.parse('2024-05-01T13:30:00Z'))).toBe(true);
    expect(cal.nextSessionAfter(ts).date).toBe('2024-07-05');
    expect(cal.nextSessionAfter(Date.parse('2024-12-31T22:00:00Z')).date).toBe('2025-01-02');
    expect(cal.previousSessionBefore(Date.parse('2024-07-05T12:00:00Z')).date).toBe('2024-07-03');
    expect(cal.previousSessionBefore(Date.parse('2024-07-03T17:00:00Z')).date).toBe('2024-07-03');
    expect(cal.previousSessionBefore(Date.parse('2025-01-02T10:00:00Z')).date).toBe('2024-12-31');
  });
});
