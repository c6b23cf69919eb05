/**
 * A fractional fill: the whole shares go under the OCO (GTC), the remainder under a DAY stop; the DAY stop
 * expires at the close and the daemon re-arms it after the next open (seen through the broker's clock).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hardStopPrice } from '../../../src/domain/rules/exit-rules.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Harness } from './daemon-harness.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/config/exit-rules-config.ts';

describe('fractional positions', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('protects 10.5 shares with an OCO for 10 and a DAY stop for 0.5, re-armed after the next open', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    const entry = await h.buy('AAPL', 10.5);
    const harness = h;
    const stops = async () =>
      (await harness.openOrders('AAPL')).filter(
        (o) => o.type === 'stop' && o.orderClass === 'simple',
      );
    await waitFor(
      async () => (await harness.openOrders('AAPL')).length === 2,
      2_000,
      'the OCO and the fractional stop',
    ).catch((e: unknown) => {
      console.log(
        JSON.stringify(
          d.events.filter((x) => x.kind !== 'ExitTrack'),
          null,
          1,
        ).slice(0, 5000),
      );
      throw e;
    });
    const e = (await h.user.getOrder(entry.id)).filledAvgPrice ?? 0;
    const open = await h.openOrders('AAPL');
    expect(open.find((o) => o.orderClass === 'oco')).toMatchObject({ qty: 10, timeInForce: 'gtc' });
    const first = (await stops())[0];
    expect(first).toMatchObject({
      qty: 0.5,
      timeInForce: 'day',
      side: 'sell',
      stopPrice: hardStopPrice(e, DEFAULT_EXIT_RULES),
    });
    expect(first?.clientOrderId).toMatch(/^sl-stp-AAPL-/);

    // The close: the DAY stop expires; nothing fractional can be placed until the next session.
    await h.ctl.clock({ to: '2024-05-01T20:05:00Z', quiet: true });
    await waitFor(async () => (await stops()).length === 0, 3_000, 'the DAY stop to expire');
    await waitFor(
      () => d.events.some((e2) => e2.kind === 'SessionChanged' && !e2.open),
      3_000,
      'the daemon to see the close',
    );
    expect((await h.openOrders('AAPL')).map((o) => o.orderClass)).toEqual(['oco']);

    // The next open: re-armed with a new client id.
    await h.ctl.clock({ to: '2024-05-02T13:31:00Z', quiet: true });
    const rearmed = await waitFor(
      async () => (await stops())[0],
      4_000,
      'the DAY stop re-armed after the open',
    );
    expect(rearmed).toMatchObject({
      qty: 0.5,
      timeInForce: 'day',
      stopPrice: hardStopPrice(e, DEFAULT_EXIT_RULES),
    });
    expect(rearmed.clientOrderId).not.toBe(first?.clientOrderId);
    expect((await h.openOrders('AAPL')).filter((o) => o.orderClass === 'oco')).toHaveLength(1);
  });

  it('a daemon started before the open protects a fractional fill whole at once (its first clock report counts)', async () => {
    h = await startHarness({ start: '2024-05-01T10:00:00Z' }, '2024-05-01T10:00:00Z');
    // No re-sync and no timer within the test: the report taken at 06:00 is all the daemon knows of the session.
    const d = h.startDaemon({
      clock_sync_ms: 300_000,
      timer_interval_ms: 60_000,
      audit_interval_ms: 300_000,
    });
    await d.ready();
    await h.ctl.clock({ to: '2024-05-01T13:35:00Z', quiet: true });
    await h.buy('AAPL', 10.5);
    const harness = h;
    const open = await waitFor(
      async () => {
        const o = await harness.openOrders('AAPL');
        return o.length === 2 ? o : undefined;
      },
      2_000,
      'the OCO and the fractional stop',
    );
    expect(open.map((o) => [o.orderClass, o.qty, o.timeInForce]).sort()).toEqual([
      ['oco', 10, 'gtc'],
      ['simple', 0.5, 'day'],
    ]);
  });
});
