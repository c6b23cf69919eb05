import { describe, expect, it } from 'vitest';
import {
  entryClientOrderId,
  isDuplicateClientOrderIdMessage,
  protectiveClientOrderId,
  roleOfClientOrderId,
} from '../../../../src/domain/ids/client-order-ids.ts';

const base = {
  role: 'oco' as const,
  symbol: 'AAPL',
  anchor: '3e274d23-683d-40a2-ab68-137b205f59b2',
  qty: 10,
  n: 0,
};

describe('protectiveClientOrderId', () => {
  it('is readable, deterministic and at most 48 characters', () => {
    const id = protectiveClientOrderId(base);
    expect(id).toMatch(/^sl-oco-AAPL-[0-9a-z]{20}$/);
    expect(protectiveClientOrderId({ ...base })).toBe(id);
    expect(
      protectiveClientOrderId({ ...base, symbol: 'VERYLONGSYMBOLNAME.X' }).length,
    ).toBeLessThanOrEqual(48);
  });

  it('changes with every input: role, symbol, generation, quantity, attempt', () => {
    const ids = new Set([
      protectiveClientOrderId(base),
      protectiveClientOrderId({ ...base, role: 'stop' }),
      protectiveClientOrderId({ ...base, symbol: 'MSFT' }),
      protectiveClientOrderId({ ...base, anchor: 'other' }),
      protectiveClientOrderId({ ...base, qty: 11 }),
      protectiveClientOrderId({ ...base, n: 1 }),
    ]);
    expect(ids.size).toBe(6);
  });

  it('tells roles apart by prefix; anything else is foreign', () => {
    expect(roleOfClientOrderId(protectiveClientOrderId({ ...base, role: 'stop' }))).toBe('stop');
    expect(roleOfClientOrderId(protectiveClientOrderId({ ...base, role: 'exit' }))).toBe('exit');
    expect(roleOfClientOrderId(protectiveClientOrderId({ ...base, role: 'fexit' }))).toBe('fexit');
    expect(roleOfClientOrderId('sl-entry-20240501-AAPL-momentum-1a2b3c4d5e')).toBe('foreign');
    expect(roleOfClientOrderId('8f1c2e0a-uuid')).toBe('foreign');
  });

  it("recognises the broker's duplicate answer", () => {
    expect(isDuplicateClientOrderIdMessage('client_order_id must be unique')).toBe(true);
    expect(isDuplicateClientOrderIdMessage('insufficient qty available')).toBe(false);
  });
});

describe('entryClientOrderId', () => {
  // Pinned: an entry id must never change across versions, or a trade re-run after an upgrade would enter twice.
  it('keeps the ids of earlier versions byte for byte', () => {
    expect(entryClientOrderId({ day: '2024-03-05', ticker: 'AAPL', strategy: 'momentum' })).toBe(
      'sl-entry-20240305-AAPL-momentum-ce386bccca',
    );
    expect(
      entryClientOrderId({
        day: '2024-03-05',
        ticker: 'BRK.B',
        strategy: 'rsi_mean_reversion_long_name_x',
        kind: 'entry-whole',
      }),
    ).toBe('sl-entry-20240305-BRK.B-rsi_mean_reve-wd0d2f24ae');
  });

  it('is foreign to the daemon (it protects the fill, never treats the entry as its own exit)', () => {
    expect(
      roleOfClientOrderId(
        entryClientOrderId({ day: '2024-03-05', ticker: 'AAPL', strategy: 'momentum' }),
      ),
    ).toBe('foreign');
  });
});
