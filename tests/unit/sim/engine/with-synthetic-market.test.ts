import { describe, expect, it } from 'vitest';
import type { SimPrint, SimTradeUpdate } from '../../../../src/sim/contracts.ts';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import { et } from '../../../support/exchange-harness.ts';

function run(seed: number) {
  const market = createSyntheticMarket({ seed, symbols: ['AAPL', 'MSFT', 'SPY'] });
  const ex = createExchange({
    market,
    cash: 100_000,
    startTs: et('2024-05-01', '10:00'),
    seed,
    spreadBps: 5,
    partialFillRate: 0.1,
  });
  const updates: SimTradeUpdate[] = [];
  const prints: SimPrint[] = [];
  ex.onTradeUpdate((u) => updates.push(u));
  ex.onPrint((p) => prints.push(p));
  return { market, ex, updates, prints };
}

describe('the exchange on the real synthetic market', () => {
  it('walks the market prints, fills at its NBBO and expires DAY orders at the close', () => {
    const { ex, updates, prints, market } = run(42);
    const entry = ex.submitOrder({
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      qty: 10,
      time_in_force: 'day',
    });
    const fill = updates.find((u) => u.order.id === entry.id && u.event === 'fill')!;
    expect(fill.price).toBe(ex.quote('AAPL').ask);
    const last = ex.lastTrade('AAPL').price;
    const oco = ex.submitOrder({
      symbol: 'AAPL',
      side: 'sell',
      type: 'limit',
      qty: 10,
      time_in_force: 'gtc',
      order_class: 'oco',
      take_profit: { limit_price: Math.round(last * 105) / 100 },
      stop_loss: { stop_price: Math.round(last * 95) / 100 },
    });
    const resting = ex.submitOrder({
      symbol: 'MSFT',
      side: 'buy',
      type: 'limit',
      qty: 1,
      time_in_force: 'day',
      limit_price: Math.round(ex.lastTrade('MSFT').price * 50) / 100,
    });
    ex.advanceTo(et('2024-05-01', '16:30'));
    expect(prints.length).toBeGreaterThan(100);
    expect(prints.every((p, i) => i === 0 || p.ts >= prints[i - 1]!.ts)).toBe(true);
    expect(ex.lastTrade('SPY').ts).toBeGreaterThan(et('2024-05-01', '15:00'));
    expect(ex.getOrder(resting.id)!.status).toBe('expired');
    expect(['new', 'filled', 'canceled']).toContain(ex.getOrder(oco.id)!.status);
    expect(ex.account().last_equity).toBe(100_000);
    expect(market.calendar.isOpen(ex.now())).toBe(false);
  });

  it('is deterministic for a seed: same actions, same executions', () => {
    const trace = (seed: number) => {
      const { ex, updates } = run(seed);
      for (const symbol of ['AAPL', 'MSFT', 'SPY']) {
        ex.submitOrder({ symbol, side: 'buy', type: 'market', qty: 7, time_in_force: 'day' });
        const p = ex.lastTrade(symbol).price;
        ex.submitOrder({
          symbol,
          side: 'sell',
          type: 'limit',
          qty: 7,
          time_in_force: 'gtc',
          limit_price: Math.round(p * 100.3) / 100,
        });
      }
      ex.advanceTo(et('2024-05-02', '16:00'));
      return updates.map((u) => [u.event, u.order.symbol, u.price, u.qty, u.ts]);
    };
    const a = trace(7);
    expect(a.length).toBeGreaterThan(6);
    expect(trace(7)).toEqual(a);
  });

  it('an order accepted overnight fills at the first print of the next session', () => {
    const { ex, updates, prints } = run(3);
    ex.advanceTo(et('2024-05-01', '20:30'), { quiet: true });
    const o = ex.submitOrder({
      symbol: 'SPY',
      side: 'buy',
      type: 'market',
      qty: 1,
      time_in_force: 'day',
    });
    expect(o.status).toBe('accepted');
    ex.advanceTo(et('2024-05-02', '09:35'));
    const fill = updates.find((u) => u.order.id === o.id && u.event === 'fill')!;
    const first = prints.find((p) => p.symbol === 'SPY')!;
    expect(fill.ts).toBe(first.ts);
  });
});
