/** The virtual-time harness works end to end: a fill is protected through the real SDK, adapter and simulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { qty } from '../../src/domain/money.ts';
import { startVirtualHarness, type VirtualHarness } from '../support/virtual-daemon.ts';

describe('virtual harness', () => {
  let h: VirtualHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('protects a market buy with an OCO', async () => {
    h = await startVirtualHarness();
    const d = h.startDaemon();
    for (let i = 0; i < 50 && !d.events.some((e) => e.kind === 'Ready'); i += 1)
      await h.advance(100);
    expect(d.events.some((e) => e.kind === 'Ready')).toBe(true);
    const buying = h.user.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'sl-entry-v-1',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(10),
      reason: 'test',
    });
    await h.advance(50);
    await buying;
    await h.advance(500);
    const open = h.sim.exchange
      .allOrders()
      .filter((o) => o.symbol === 'AAPL' && o.side === 'sell' && o.status === 'new');
    expect(open.length).toBeGreaterThan(0);
    expect(d.events.some((e) => e.kind === 'ProtectionPlaced' && e.symbol === 'AAPL')).toBe(true);
  });
});
