import { describe, expect, it } from 'vitest';
import {
  addDays,
  nyDate,
  nyHourMinute,
  readDateParam,
  readTimeParam,
  rfc3339NewYork,
} from '../../../../src/sim/server/new-york-time.ts';

describe('New York time formats', () => {
  it('writes RFC-3339 with the summer and winter offsets', () => {
    expect(rfc3339NewYork(Date.parse('2024-05-01T13:30:00.123Z'))).toBe(
      '2024-05-01T09:30:00.123-04:00',
    );
    expect(rfc3339NewYork(Date.parse('2024-01-02T14:30:00Z'))).toBe(
      '2024-01-02T09:30:00.000-05:00',
    );
  });

  it('gives the New York date and HH:MM', () => {
    expect(nyDate(Date.parse('2024-05-02T02:00:00Z'))).toBe('2024-05-01');
    expect(nyHourMinute(Date.parse('2024-11-29T18:00:00Z'))).toBe('13:00');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('reads date params sent as dates or full timestamps (the SDK sends toISOString())', () => {
    expect(readDateParam('2024-05-01')).toBe('2024-05-01');
    expect(readDateParam('2024-05-01T00:00:00.000Z')).toBe('2024-05-01');
    expect(readDateParam('nope')).toBeUndefined();
    expect(readDateParam(null)).toBeUndefined();
    expect(readTimeParam('2024-05-01')).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(readTimeParam('2024-05-01T13:30:00.000Z')).toBe(Date.parse('2024-05-01T13:30:00Z'));
    expect(readTimeParam('garbage')).toBeNaN();
  });
});
