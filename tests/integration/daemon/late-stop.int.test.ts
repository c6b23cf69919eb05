/**
 * A fractional stop that reached the broker after the close (the daemon still saw the session open) is queued
 * `accepted` and starts working at the next open; that session's soft exit cancels it with the OCO (working
 * since the day before) and sells the whole position, leaving no order behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { roundToTick } from '../../../src/domain/money.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Harness } from './daemon-harness.ts';

describe('a DAY stop queued after the close', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('is cancelled with the OCO by the next session soft exit, and the position is sold', async () => {
    // 15:59 New York; the daemon's clock report says the session is open until 16:00.
    h = await startHarness({}, '2024-05-01T19:59:00Z');
    const d = h.startDaemon({ clock_sync_ms: 300_000 });
    await d.ready();
    const harness = h;
    const stops = async () =>
      (await harness.openOrders('AAPL')).filter((o) => o.orderClass === 'simple');
    const entry = await h.buy('AAPL', 10.5);
    const first = await waitFor(
      async () =>
        (await harness.openOrders('AAPL')).length === 2 ? (await stops())[0] : undefined,
      2_000,
      'the OCO and the stop',
    );
    // The stop's end reaches the daemon only after the broker has closed: its new stop is queued for the next open.
    await h.ctl.faults({ kind: 'delay_trade_updates', ms: 1_000 });
    await h.user.cancelOrder(first.id);
    await h.ctl.clock({ to: '2024-05-01T20:00:30Z', quiet: true });
    const queued = await waitFor(
      async () => {
        const o = await harness.openOrders('AAPL');
        return o.length === 2 ? o : undefined;
      },
      4_000,
      'the OCO and the fractional stop',
    );
    await h.ctl.faults({ kind: 'delay_trade_updates', ms: 0 });
    const e = (await h.user.getOrder(entry.id)).filledAvgPrice ?? 0;
    expect(queued.map((o) => [o.orderClass, o.qty, o.status]).sort()).toEqual([
      ['oco', 10, 'new'],
      ['simple', 0.5, 'accepted'],
    ]);

    // The next open: the queued stop starts working, still the daemon's (not placed again).
    const beforeOpen = d.events.length;
    await h.ctl.clock({ to: '2024-05-02T13:31:00Z', quiet: true });
    await waitFor(
      () => d.events.slice(beforeOpen).some((x) => x.kind === 'SessionChanged' && x.open),
      4_000,
      'the daemon to see the open',
    );
    const working = await waitFor(
      async () => (await stops()).find((o) => o.status === 'new'),
      3_000,
      'the queued stop working',
    );
    expect(working.clientOrderId).toBe(
      queued.find((o) => o.orderClass === 'simple')?.clientOrderId,
    );
    const before = d.events.length;
    const m = roundToTick(e * 1.03, 'up');
    await h.ctl.trade({ symbol: 'AAPL', price: m, size: 100 });
    await waitFor(
      () => d.events.slice(before).some((x) => x.kind === 'AuditCompleted'),
      3_000,
      'the high print processed',
    );
    const below = roundToTick(e + 0.5 * (m - e) - 0.01, 'down');
    await h.ctl.trade({ symbol: 'AAPL', price: below, size: 100 });
    await waitFor(
      () => d.events.some((x) => x.kind === 'SoftExitStarted' && x.symbol === 'AAPL'),
      3_000,
      'the trailing exit',
    );
    await waitFor(
      async () =>
        (await harness.position('AAPL')) === 0 && (await harness.openOrders('AAPL')).length === 0,
      4_000,
      'AAPL sold with no order left',
    ).catch((err: unknown) => {
      console.log(
        JSON.stringify(
          d.events.filter((x) => x.kind !== 'ExitTrack' && x.kind !== 'AuditCompleted'),
          null,
          1,
        ).slice(-6000),
      );
      throw err;
    });
  });
});
