/**
 * A split while the daemon protects the position (the simulator applies corporate actions as Alpaca does: on the
 * ex-date's open the symbol's open orders are canceled and the position holds ratio x the shares at 1/ratio of
 * the price). The daemon must not re-place the canceled protection at the old prices (its stop, far above the
 * new price, would sell at once), nor keep its pre-split high-water mark (the trailing rule would sell
 * everything): it reads the broker's picture, rescales the exit state and protects the new shares.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hardStopPrice } from '../../src/domain/rules/exit-rules.ts';
import { qty } from '../../src/domain/money.ts';
import { coverageOf, uncovered } from '../support/coverage-watch.ts';
import { startVirtualHarness, type VirtualHarness } from '../support/virtual-daemon.ts';
import { DEFAULT_EXIT_RULES } from '../../src/config/exit-rules-config.ts';

let h: VirtualHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('a 4-for-1 split of a protected position (seed 42: META, ex-date 2024-08-16)', () => {
  it('is protected again at the new prices, with nothing sold and the high-water mark rescaled', async () => {
    h = await startVirtualHarness({
      sim: { seed: 42, symbols: ['META', 'AAPL'] },
      at: '2024-08-15T18:00:00Z',
    });
    const harness = h;
    const d = harness.startDaemon();
    for (let i = 0; i < 200 && !d.events.some((e) => e.kind === 'Ready'); i += 1)
      await harness.advance(50);
    const buying = harness.user.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'user-meta',
      symbol: 'META',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(10),
      reason: 'test entry',
    });
    await harness.advance(20);
    await buying;
    for (let i = 0; i < 100 && Object.keys(uncovered(harness.sim.exchange)).length > 0; i += 1)
      await harness.advance(50);
    const before = harness.sim.exchange.position('META');
    expect(before?.qty).toBe(10);
    // Overnight to the ex-date's open, then a minute of trading at the new prices.
    harness.sim.exchange.advanceTo(Date.parse('2024-08-16T13:29:00Z'), { quiet: true });
    for (let i = 0; i < 40; i += 1) await harness.advance(100);
    for (let i = 0; i < 120; i += 1) await harness.advance(500);
    const after = harness.sim.exchange.position('META');
    expect(after?.qty).toBe(40);
    const e = after?.avg_entry_price ?? 0;
    expect(e).toBeCloseTo((before?.avg_entry_price ?? 0) / 4, 6);
    // Nothing was sold: no exit, no stop elected.
    const sells = harness.sim.exchange
      .allOrders()
      .filter((o) => o.symbol === 'META' && o.side === 'sell' && o.filled_qty > 0);
    expect(sells).toEqual([]);
    expect(d.events.filter((x) => x.kind === 'SoftExitStarted')).toEqual([]);
    // The restated high-water mark: never the pre-split one (the trailing rule would sell everything).
    const persisted = d.store.table<{ highWater: number }>('positions').get('META');
    expect(persisted?.highWater ?? 0).toBeLessThan(e * 1.5);
    // Every new share under a stop at the new entry price.
    expect(coverageOf(harness.sim.exchange).find((c) => c.symbol === 'META')).toMatchObject({
      position: 40,
      stopped: 40,
    });
    const oco = harness.sim.exchange
      .allOrders()
      .find(
        (o) =>
          o.symbol === 'META' &&
          o.order_class === 'oco' &&
          o.parent_id === null &&
          o.status === 'new',
      );
    expect(oco?.legs[0]?.stop_price).toBe(hardStopPrice(e, DEFAULT_EXIT_RULES));
  });
});
