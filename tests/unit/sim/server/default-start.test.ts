import { describe, expect, it } from 'vitest';
import { createNyseCalendar } from '../../../../src/sim/market/calendar.ts';
import { defaultStart } from '../../../../src/sim/server/default-start.ts';

const cal = createNyseCalendar();
const at = (iso: string): string => new Date(defaultStart(cal, Date.parse(iso))).toISOString();

describe('defaultStart', () => {
  it('is 09:25 New York of the latest trading day at or before now', () => {
    expect(at('2024-05-01T18:00:00Z')).toBe('2024-05-01T13:25:00.000Z'); // Wednesday afternoon
    expect(at('2024-05-01T12:00:00Z')).toBe('2024-04-30T13:25:00.000Z'); // Wednesday 08:00 ET
    expect(at('2024-05-01T13:27:00Z')).toBe('2024-05-01T13:25:00.000Z'); // inside the five minutes
    expect(at('2024-05-04T15:00:00Z')).toBe('2024-05-03T13:25:00.000Z'); // Saturday
    expect(at('2024-07-04T15:00:00Z')).toBe('2024-07-03T13:25:00.000Z'); // holiday
  });
});
