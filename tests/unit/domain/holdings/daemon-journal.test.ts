import { describe, expect, it } from 'vitest';
import { alertOf, journalEntryOf } from '../../../../src/domain/holdings/daemon-journal.ts';
import type { ProtectionPlaced } from '../../../../src/domain/holdings/daemon-events.ts';

const placed: ProtectionPlaced = {
  kind: 'ProtectionPlaced',
  symbol: 'AAPL',
  role: 'oco',
  clientOrderId: 'sl-oco-AAPL-x',
  orderId: 'o-2',
  qty: 10,
  entryOrderId: 'o-1',
  entryPrice: 100,
  stopPrice: 95,
  takeProfitPrice: 120,
  latencySentMs: 0.4,
  latencyAckMs: 3.2,
  cause: 'fill',
  adopted: false,
};

describe('journal entries and alerts', () => {
  it('journals protection_placed with the fields the report reads', () => {
    const e = journalEntryOf(placed, 5);
    expect(e).toMatchObject({
      ts: 5,
      actor: 'stream',
      action: 'protection_placed',
      symbol: 'AAPL',
      clientOrderId: 'sl-oco-AAPL-x',
    });
    expect(e?.data).toMatchObject({
      entryOrderId: 'o-1',
      entryPrice: 100,
      qty: 10,
      stopPrice: 95,
      takeProfitPrice: 120,
      latencySentMs: 0.4,
      latencyAckMs: 3.2,
    });
  });

  it('journals soft exits with rule, price and floor, and alerts in one SMS-sized line', () => {
    const e = {
      kind: 'SoftExitStarted' as const,
      symbol: 'AAPL',
      rule: 'trailing' as const,
      scope: 'all' as const,
      price: 101.4,
      floor: 101.5,
      qty: 10,
      entryPrice: 100,
      highWater: 103,
    };
    expect(journalEntryOf(e, 1)).toMatchObject({
      action: 'soft_exit',
      data: { rule: 'trailing', price: 101.4, floor: 101.5 },
    });
    const a = alertOf(e);
    expect(a?.short).toBe('SOFT EXIT AAPL trailing @ 101.4 (floor 101.5), selling 10');
    expect(a?.short.length).toBeLessThanOrEqual(160);
    expect(alertOf(placed)?.short).toBe('PROTECTED 10 AAPL: stop 95 / target 120 in 3.2 ms');
  });

  it('stays quiet about deferrals and bookkeeping', () => {
    expect(
      alertOf({
        kind: 'ProtectionFailed',
        symbol: 'A',
        role: 'oco',
        clientOrderId: 'c',
        error: 'wash trade',
        deferred: true,
        retryAt: 0,
      }),
    ).toBeNull();
    expect(
      journalEntryOf(
        { kind: 'ExitTrack', symbol: 'A', state: null, fraction: 0, rescaled: false },
        0,
      ),
    ).toBeNull();
  });
});
