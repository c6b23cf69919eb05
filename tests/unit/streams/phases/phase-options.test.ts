/** The `phases:` config moves the phases: each key changes its own boundary, as the daemon places them. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../src/config/schema.ts';
import type { CalendarDay } from '../../../../src/domain/account.ts';
import { phaseAt } from '../../../../src/domain/phases/market-phases.ts';
import { nyToEpoch } from '../../../../src/domain/time/ny-time.ts';
import { phaseOptionsOf } from '../../../../src/streams/phases/orchestrator-stream.ts';

const DAY: CalendarDay = {
  date: '2024-05-01',
  tsOpen: nyToEpoch('2024-05-01', '09:30'),
  tsClose: nyToEpoch('2024-05-01', '16:00'),
};
const phaseWith = (phases: Record<string, unknown>, hhmm: string) =>
  phaseAt(
    nyToEpoch('2024-05-01', hhmm),
    [DAY],
    phaseOptionsOf(configSchema.parse({ phases }).phases),
  ).phase;

describe('phases: config', () => {
  it('each key moves its own boundary', () => {
    expect([phaseWith({}, '06:45'), phaseWith({ pre_market_start: '07:00' }, '06:45')]).toEqual([
      'PRE_MARKET',
      'OVERNIGHT',
    ]);
    expect([phaseWith({}, '09:37'), phaseWith({ opening_min: 10 }, '09:37')]).toEqual([
      'TRADING',
      'MARKET_OPEN',
    ]);
    expect([phaseWith({}, '15:35'), phaseWith({ closing_min: 30 }, '15:35')]).toEqual([
      'TRADING',
      'MARKET_CLOSE',
    ]);
    expect([phaseWith({}, '18:30'), phaseWith({ after_hours_min: 180 }, '18:30')]).toEqual([
      'OVERNIGHT',
      'AFTER_HOURS',
    ]);
  });
});
