import { describe, expect, it } from 'vitest';
import { DEFAULT_EXIT_RULES } from '../../../../src/config/exit-rules-config.ts';
import type { TrackedOrder } from '../../../../src/domain/holdings/holding.ts';
import {
  fractionalStopOrder,
  ocoOrder,
  planProtection,
  splitShares,
} from '../../../../src/domain/rules/protection-plan.ts';
import { price, qty } from '../../../../src/domain/money.ts';

const ctx = { rules: DEFAULT_EXIT_RULES, sessionOpen: true };
const tracked = (fields: Partial<TrackedOrder>): TrackedOrder => ({
  clientOrderId: 'c',
  orderId: 'o',
  liveIds: ['o'],
  role: 'oco',
  qty: 10,
  stopPrice: 95,
  limitPrice: 120,
  state: 'open',
  n: 0,
  tsSince: 0,
  ...fields,
});

describe('planProtection', () => {
  it('places an OCO for the whole shares and a DAY stop for the remainder', () => {
    expect(planProtection({ qty: 10.25, entryPrice: 100, orders: [] }, ctx)).toEqual([
      { kind: 'place', role: 'oco', qty: 10, stopPrice: 95, takeProfitPrice: 120 },
      { kind: 'place', role: 'stop', qty: 0.25, stopPrice: 95, takeProfitPrice: null },
    ]);
  });

  it('keeps protection of the right size', () => {
    expect(planProtection({ qty: 10, entryPrice: 100, orders: [tracked({})] }, ctx)).toEqual([]);
  });

  it('cancels a wrong-size OCO and waits for the confirmation before placing the new one', () => {
    const old = tracked({ qty: 4 });
    expect(planProtection({ qty: 10, entryPrice: 100, orders: [old] }, ctx)).toEqual([
      { kind: 'cancel', order: old, reason: 'resize to 10 whole shares' },
    ]);
    expect(
      planProtection({ qty: 10, entryPrice: 100, orders: [{ ...old, state: 'cancelling' }] }, ctx),
    ).toEqual([]);
  });

  it('waits while an order of ours is unanswered or unclear', () => {
    expect(
      planProtection(
        { qty: 10.5, entryPrice: 100, orders: [tracked({ state: 'unknown', qty: 10 })] },
        ctx,
      ),
    ).toEqual([]);
  });

  it('covers only what foreign orders leave free', () => {
    const manual = tracked({ role: 'foreign', qty: 3, clientOrderId: 'manual' });
    expect(planProtection({ qty: 10, entryPrice: 100, orders: [manual] }, ctx)).toEqual([
      { kind: 'place', role: 'oco', qty: 7, stopPrice: 95, takeProfitPrice: 120 },
    ]);
  });

  it('cancels our orders once the position is gone', () => {
    const stop = tracked({ role: 'stop', qty: 0.5 });
    expect(planProtection({ qty: 0, entryPrice: 100, orders: [stop] }, ctx)).toEqual([
      { kind: 'cancel', order: stop, reason: 'position closed' },
    ]);
  });

  it('outside the session keeps the DAY stop it has and places none', () => {
    const stop = tracked({ role: 'stop', qty: 0.5 });
    expect(
      planProtection(
        { qty: 10.5, entryPrice: 100, orders: [tracked({}), stop] },
        { ...ctx, sessionOpen: false },
      ),
    ).toEqual([]);
    expect(
      planProtection(
        { qty: 10.5, entryPrice: 100, orders: [tracked({})] },
        { ...ctx, sessionOpen: false },
      ),
    ).toEqual([]);
  });
});

describe('order shapes', () => {
  it('builds the OCO exit and the fractional stop', () => {
    expect(ocoOrder('AAPL', 'id', qty(10), price(95), price(120), 'why')).toEqual({
      kind: 'SubmitOrder',
      clientOrderId: 'id',
      symbol: 'AAPL',
      side: 'sell',
      type: 'limit',
      timeInForce: 'gtc',
      orderClass: 'oco',
      qty: 10,
      limitPrice: 120,
      takeProfit: { limitPrice: 120 },
      stopLoss: { stopPrice: 95 },
      reason: 'why',
    });
    expect(fractionalStopOrder('AAPL', 'id', qty(0.5), price(95), 'why')).toMatchObject({
      type: 'stop',
      timeInForce: 'day',
      qty: 0.5,
      stopPrice: 95,
    });
  });

  it('splits shares exactly to 9 decimals', () => {
    expect(splitShares(16.45510318)).toEqual({ whole: 16, fraction: 0.45510318 });
    expect(splitShares(3)).toEqual({ whole: 3, fraction: 0 });
  });
});
