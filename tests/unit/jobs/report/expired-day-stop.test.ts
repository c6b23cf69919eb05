/** A fractional remainder without its DAY stop after the close is expected (the daemon re-arms it at the open), not an alarm. */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../src/domain/ports.ts';
import { expiredDayStop, type DayStopInput } from '../../../../src/jobs/report/expired-day-stop.ts';

const T0 = Date.parse('2024-05-01T13:35:00Z');
const placed: JournalEntry = {
  ts: T0,
  actor: 'stream',
  action: 'protection_placed',
  reason: 'r',
  symbol: 'AAPL',
  data: { role: 'stop', qty: 0.5 },
};
const base: DayStopInput = {
  symbol: 'AAPL',
  qty: 10.5,
  marketOpen: false,
  tsOpened: T0 - 1000,
  journal: [placed],
  coverage: { state: 'partial', protectedQty: 10, orders: [] },
};

describe('expiredDayStop', () => {
  it('holds after the close when every whole share is covered and the daemon had placed the DAY stop', () => {
    expect(expiredDayStop(base)).toBe(true);
    // A position of a fraction only: nothing whole to cover, its DAY stop gone at the close.
    expect(
      expiredDayStop({
        ...base,
        qty: 0.5,
        coverage: { state: 'UNPROTECTED', protectedQty: 0, orders: [] },
      }),
    ).toBe(true);
  });

  it('is an alarm while the market is open, when whole shares lack cover, or when no DAY stop was ever placed', () => {
    expect(expiredDayStop({ ...base, marketOpen: true })).toBe(false);
    expect(
      expiredDayStop({ ...base, coverage: { state: 'partial', protectedQty: 9, orders: [] } }),
    ).toBe(false);
    expect(expiredDayStop({ ...base, journal: [] })).toBe(false);
    expect(expiredDayStop({ ...base, tsOpened: T0 + 1 })).toBe(false);
    expect(expiredDayStop({ ...base, journal: [{ ...placed, data: { role: 'oco' } }] })).toBe(
      false,
    );
    expect(
      expiredDayStop({
        ...base,
        qty: 10,
        coverage: { state: 'partial', protectedQty: 9, orders: [] },
      }),
    ).toBe(false);
  });
});
