import { describe, expect, it } from 'vitest';
import type { ClockReport } from '../../../../src/domain/account.ts';
import { clockReportExpired, isSessionOpen } from '../../../../src/domain/time/market-session.ts';

const open: ClockReport = {
  kind: 'ClockReport',
  tsNow: 100,
  isOpen: true,
  tsNextOpen: 1_000,
  tsNextClose: 200,
};
const closed: ClockReport = {
  kind: 'ClockReport',
  tsNow: 300,
  isOpen: false,
  tsNextOpen: 1_000,
  tsNextClose: 1_500,
};

describe('market session from the broker clock', () => {
  it('is open until the next close when the report says open', () => {
    expect(isSessionOpen(open, 150)).toBe(true);
    expect(isSessionOpen(open, 200)).toBe(false);
  });

  it('opens at next_open and closes at the following close when the report says closed', () => {
    expect(isSessionOpen(closed, 999)).toBe(false);
    expect(isSessionOpen(closed, 1_000)).toBe(true);
    expect(isSessionOpen(closed, 1_500)).toBe(false);
  });

  it('knows nothing without a report or past its next close', () => {
    expect(isSessionOpen(null, 0)).toBe(false);
    expect(clockReportExpired(null, 0)).toBe(true);
    expect(clockReportExpired(open, 199)).toBe(false);
    expect(clockReportExpired(open, 200)).toBe(true);
  });
});
