import { describe, expect, it } from 'vitest';
import { emptyHoldings, type HoldingsState } from '../../../../src/domain/holdings/draft.ts';
import {
  newHolding,
  type Holding,
  type TrackedOrder,
} from '../../../../src/domain/holdings/holding.ts';
import { nextWakeAt } from '../../../../src/domain/holdings/wake.ts';
import { OPTIONS, T0 } from '../../../support/daemon-stubs.ts';

const holding = (fields: Partial<Holding> = {}): Holding =>
  newHolding(fields.symbol ?? 'AAPL', {
    exit: { entryPrice: 100, tsEntry: T0, highWater: 100 },
    anchor: 'a',
    qty: 10,
    ...fields,
  });
const state = (hs: Holding[], over: Partial<HoldingsState> = {}): HoldingsState => ({
  ...emptyHoldings(new Map(hs.map((h) => [h.symbol, h]))),
  synced: true,
  sessionOpen: true,
  ...over,
});
const unknown = (tsSince: number): TrackedOrder => ({
  clientOrderId: 'sl-oco-x',
  orderId: null,
  liveIds: [],
  role: 'oco',
  qty: 10,
  stopPrice: 95,
  limitPrice: 120,
  state: 'unknown',
  n: 0,
  tsSince,
});

describe('nextWakeAt', () => {
  it('is the earliest pending retry or resolution', () => {
    const s = state([
      holding({ retryAt: T0 + 3_000 }),
      holding({ symbol: 'MSFT', orders: [unknown(T0)] }),
    ]);
    expect(nextWakeAt(s, OPTIONS, T0)).toBe(T0 + 3_000);
    expect(nextWakeAt(s, { ...OPTIONS, unknownTimeoutMs: 1_000 }, T0)).toBe(T0 + 1_000);
  });

  it('wakes at once for a retry already due (the clock was corrected past it), never in the past', () => {
    expect(nextWakeAt(state([holding({ retryAt: T0 - 60_000 })]), OPTIONS, T0)).toBe(T0 + 1);
  });

  it('arms nothing where nothing would act: no retry pending, halted, not reconciled, deferred, exiting, closed', () => {
    expect(nextWakeAt(state([holding()]), OPTIONS, T0)).toBeNull();
    const due = holding({ retryAt: T0 + 1_000 });
    expect(nextWakeAt(state([due], { halted: true }), OPTIONS, T0)).toBeNull();
    expect(nextWakeAt(state([due], { synced: false }), OPTIONS, T0)).toBeNull();
    expect(nextWakeAt(state([{ ...due, deferredFor: ['buy-1'] }]), OPTIONS, T0)).toBeNull();
    expect(nextWakeAt(state([{ ...due, qty: 0 }]), OPTIONS, T0)).toBeNull();
    const exiting = {
      ...due,
      exitProgress: {
        rule: 'trailing' as const,
        scope: 'all' as const,
        stage: 'selling' as const,
        sweep: 'done' as const,
        price: 101,
        floor: null,
        tsStarted: T0,
      },
    };
    expect(nextWakeAt(state([exiting]), OPTIONS, T0)).toBeNull();
  });
});
