/** Trade updates have no replay: a fill during a stream outage is found by the audit after the reconnection and protected. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Harness } from './daemon-harness.ts';

describe('stream outage', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('protects a fill made while the streams were down, once reconnected', async () => {
    // A long audit interval: the repair must come from the reconnection, not from the periodic audit.
    h = await startHarness();
    const d = h.startDaemon({ audit_interval_ms: 600_000 });
    await d.ready();
    const harness = h;
    await h.ctl.faults({ kind: 'drop_streams', refuse_ms: 1_500 });
    await waitFor(
      () => d.events.some((e) => e.kind === 'FeedDown' && e.feed === 'trading'),
      3_000,
      'the trading stream to drop',
    );
    await h.buy('AMZN', 7);
    expect(d.events.some((e) => e.kind === 'FillReceived')).toBe(false);
    const repaired = await waitFor(
      () => d.events.find((e) => e.kind === 'AuditRepair' && e.symbol === 'AMZN'),
      10_000,
      'the audit repair',
    );
    expect(repaired).toMatchObject({ action: 'protect' });
    const resyncs = d.events.filter((e) => e.kind === 'FeedResynced' && e.feed === 'trading');
    expect(resyncs.length).toBeGreaterThanOrEqual(2);
    await waitFor(async () => (await harness.openOrders('AMZN')).length === 1, 3_000, 'the OCO');
    const open = await h.openOrders('AMZN');
    expect(open[0]).toMatchObject({ orderClass: 'oco', qty: 7 });
    expect(
      d.events.find((e) => e.kind === 'ProtectionPlaced' && e.symbol === 'AMZN'),
    ).toMatchObject({ cause: 'audit', latencySentMs: null });
    // Journal and alerts follow the decision (written once the order is answered): wait for them.
    await waitFor(
      () => d.store.journal.list().some((j) => j.action === 'audit_repair' && j.symbol === 'AMZN'),
      2_000,
      'the audit repair in the journal',
    );
    await waitFor(
      () => d.alerts.some((a) => a.short.startsWith('AUDIT REPAIR AMZN')),
      2_000,
      'the audit repair alert',
    );
  });
});
