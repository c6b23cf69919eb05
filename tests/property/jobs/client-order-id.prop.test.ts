/**
 * Invariants of entry client_order_ids (domain/ids/entry-order-ids.ts):
 * - they depend only on their inputs (same inputs, same id), at most 48 characters, prefix sl-entry-;
 * - different (day, ticker, strategy, kind) give different ids.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  ENTRY_PREFIX,
  entryClientOrderId,
  MAX_CLIENT_ORDER_ID,
} from '../../../src/domain/ids/entry-order-ids.ts';

const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const ticker = fc.stringMatching(/^[A-Z][A-Z0-9.-]{0,9}$/);
const strategy = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
const kind = fc.constantFrom('entry' as const, 'entry-whole' as const);
const input = fc.record({ day, ticker, strategy, kind });

test.prop([input])('depends only on its inputs and fits 48 characters', (i) => {
  const id = entryClientOrderId(i);
  expect(entryClientOrderId({ ...i })).toBe(id);
  expect(id.length).toBeLessThanOrEqual(MAX_CLIENT_ORDER_ID);
  expect(id.startsWith(`${ENTRY_PREFIX}${i.day.replaceAll('-', '')}-${i.ticker}-`)).toBe(true);
});

test.prop([input, input])('different inputs give different ids', (a, b) => {
  fc.pre(
    a.day !== b.day || a.ticker !== b.ticker || a.strategy !== b.strategy || a.kind !== b.kind,
  );
  expect(entryClientOrderId(a)).not.toBe(entryClientOrderId(b));
});
