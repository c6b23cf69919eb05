import { describe, expect, it } from 'vitest';
import { SimRejection } from '../../../../src/sim/contracts.ts';
import { createHarness, et } from '../../../support/exchange-harness.ts';

describe('closing positions', () => {
  it('closePosition sells everything at market and returns the order', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    const o = h.ex.closePosition('AAPL');
    expect(o).toMatchObject({ side: 'sell', type: 'market', qty: 10, time_in_force: 'day' });
    expect(h.ex.position('AAPL')).toBeUndefined();
  });

  it('closes a qty or a percentage (whole shares for non-fractionable assets)', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.submit({ symbol: 'BRK.A', qty: 3 });
    h.ex.closePosition('AAPL', { qty: 4 });
    expect(h.ex.position('AAPL')!.qty).toBe(6);
    h.ex.closePosition('AAPL', { percentage: 25 });
    expect(h.ex.position('AAPL')!.qty).toBe(4.5);
    h.ex.closePosition('BRK.A', { percentage: 50 });
    expect(h.ex.position('BRK.A')!.qty).toBe(2);
  });

  it('respects shares reserved by open orders and cancels nothing by itself', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.submit({ side: 'sell', type: 'stop', stop_price: 90, qty: 10 });
    expect(() => h.ex.closePosition('AAPL')).toThrow(
      'insufficient qty available for order (requested: 10, available: 0)',
    );
    expect(h.ex.allOrders()[0]!.status).toBe('new');
  });

  it('an unknown position is 404', () => {
    const h = createHarness();
    try {
      h.ex.closePosition('AAPL');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SimRejection);
      expect([
        (e as SimRejection).status,
        (e as SimRejection).code,
        (e as SimRejection).message,
      ]).toEqual([404, 40410000, 'position does not exist']);
    }
  });

  it('closeAllPositions reports per symbol; with cancelOrders it first frees reserved shares', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.submit({ symbol: 'MSFT', qty: 5 });
    h.submit({ side: 'sell', type: 'stop', stop_price: 90, qty: 10 });
    const without = h.ex.closeAllPositions(false);
    expect(without.map((r) => [r.symbol, r.status, r.error?.code])).toEqual([
      ['AAPL', 403, 40310000],
      ['MSFT', 200, undefined],
    ]);
    const all = h.ex.closeAllPositions(true);
    expect(all.map((r) => [r.symbol, r.status])).toEqual([['AAPL', 200]]);
    expect(h.ex.positions()).toEqual([]);
  });

  it('outside hours the closing order is accepted and fills at the next open', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.ex.advanceTo(et('2024-05-01', '17:00'), { quiet: true });
    expect(h.ex.closePosition('AAPL').status).toBe('accepted');
    h.ex.advanceTo(et('2024-05-02', '09:31'), { quiet: true });
    expect(h.ex.positions()).toEqual([]);
  });
});

describe('position and account fields', () => {
  it('market value, cost basis and P/L follow the last trade', () => {
    const h = createHarness();
    h.submit({ qty: 10 });
    h.ex.printTrade('AAPL', 105, 1);
    expect(h.ex.positions()).toEqual([
      expect.objectContaining({
        symbol: 'AAPL',
        qty: 10,
        current_price: 105,
        market_value: 1050,
        cost_basis: 1000,
        unrealized_pl: 50,
        unrealized_plpc: 0.05,
        unrealized_intraday_pl: 50,
        change_today: 0.05,
      }),
    ]);
    expect(h.ex.account()).toMatchObject({
      cash: 99_000,
      equity: 100_050,
      long_market_value: 1050,
    });
  });

  it('allOrders lists newest first', () => {
    const h = createHarness();
    const a = h.submit({ qty: 1 });
    const b = h.submit({ qty: 2 });
    expect(h.ex.allOrders().map((o) => o.id)).toEqual([b.id, a.id]);
  });

  it('asset ids are stable per symbol', () => {
    const h = createHarness();
    const a = h.submit({ qty: 1 });
    expect(h.ex.position('AAPL')!.asset_id).toBe(a.asset_id);
    expect(createHarness().submit({ qty: 1 }).asset_id).toBe(a.asset_id);
  });
});
