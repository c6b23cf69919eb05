/**
 * Invariants of the error log's levels: every pino level from 40 up is kept, everything below is not, and a
 * higher pino level never maps to a lower severity.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { levelOf } from '../../../src/adapters/log/error-line.ts';
import { ERROR_LEVELS } from '../../../src/domain/error-record.ts';

const severity = (n: number): number => {
  const level = levelOf(n);
  return level === undefined ? -1 : ERROR_LEVELS.indexOf(level);
};

test.prop([fc.integer({ min: 0, max: 100 })])('kept exactly from WARN (40) up', (n) => {
  expect(levelOf(n) !== undefined).toBe(n >= 40);
});

test.prop([fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })])(
  'monotonic in the pino level',
  (a, b) => {
    if (a <= b) expect(severity(a)).toBeLessThanOrEqual(severity(b));
  },
);
