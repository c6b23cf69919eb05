/**
 * The daemon against the simulator (official SDK, real sockets): a market buy is protected by one OCO with the
 * right prices and quantity; partial fills end fully covered without ever reserving more than
 * the position; duplicated trade updates place one protection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hardStopPrice, takeProfitPrice } from '../../../src/domain/rules/exit-rules.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Harness } from './daemon-harness.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/config/exit-rules-config.ts';

const placed = (events: DaemonOutput[], symbol: string) =>
  events.filter(
    (e): e is Extract<DaemonOutput, { kind: 'ProtectionPlaced' }> =>
      e.kind === 'ProtectionPlaced' && e.symbol === symbol,
  );

describe('protection of fills', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  // How fast is measured where time is exact: tests/chaos/hardening.test.ts (virtual time) and bench/ (wall time).
  it('protects a market buy with one OCO (whole shares, -5% stop, +20% target), journaled with its latency', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    const entry = await h.buy('AAPL', 10);
    const p = await waitFor(() => placed(d.events, 'AAPL')[0], 10_000, 'the OCO of AAPL');
    const filled = await h.user.getOrder(entry.id);
    const e = filled.filledAvgPrice ?? 0;
    expect(p).toMatchObject({
      role: 'oco',
      qty: 10,
      entryOrderId: entry.id,
      entryPrice: e,
      stopPrice: hardStopPrice(e, DEFAULT_EXIT_RULES),
      takeProfitPrice: takeProfitPrice(e, DEFAULT_EXIT_RULES),
      cause: 'fill',
    });
    expect(p.latencySentMs).toBeGreaterThanOrEqual(0);
    expect(p.latencyAckMs).toBeGreaterThanOrEqual(p.latencySentMs ?? 0);
    const open = await h.openOrders('AAPL');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      orderClass: 'oco',
      side: 'sell',
      type: 'limit',
      timeInForce: 'gtc',
      qty: 10,
      limitPrice: takeProfitPrice(e, DEFAULT_EXIT_RULES),
    });
    expect(open[0]?.legs[0]).toMatchObject({
      type: 'stop',
      stopPrice: hardStopPrice(e, DEFAULT_EXIT_RULES),
      qty: 10,
    });
    expect(open[0]?.clientOrderId).toMatch(/^sl-oco-AAPL-/);
    const journal = await waitFor(
      () => d.store.journal.list().find((j) => j.action === 'protection_placed'),
      10_000,
      'the journal entry',
    );
    expect(Object.keys(journal.data ?? {})).toEqual(
      expect.arrayContaining([
        'entryOrderId',
        'entryPrice',
        'qty',
        'stopPrice',
        'takeProfitPrice',
        'latencySentMs',
        'latencyAckMs',
      ]),
    );
    expect(d.store.journal.list().some((j) => j.action === 'fill' && j.symbol === 'AAPL')).toBe(
      true,
    );
    await waitFor(
      () => d.alerts.some((a) => a.short.startsWith('PROTECTED 10 AAPL')),
      10_000,
      'the protection alert',
    );
    // The next fills find the path warm.
    for (const symbol of ['MSFT', 'NVDA', 'AMZN']) await h.buy(symbol, 2);
    const warm = await waitFor(
      () =>
        placed(d.events, 'AMZN').length > 0
          ? ['MSFT', 'NVDA', 'AMZN'].map((s) => placed(d.events, s)[0])
          : undefined,
      10_000,
      'three more OCOs',
    );
    const ms = (x: typeof p | undefined) =>
      `${x?.latencySentMs?.toFixed(3) ?? '-'}/${x?.latencyAckMs?.toFixed(2) ?? '-'}`;
    process.stdout.write(
      `protection latency (fill event -> POST sent / acknowledged, ms): first ${ms(p)}; then ${warm.map(ms).join(', ')}\n`,
    );
  });

  it('covers partial fills fully, never reserving more shares than the position', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    await h.ctl.faults({ kind: 'partial_fills', parts: 3 });
    // Every state change of the exchange is checked: open sells never hold more than the position.
    const violations: string[] = [];
    const stopWatch = h.t.sim.exchange.onTradeUpdate(() => {
      const pos = h?.t.sim.exchange.position('MSFT')?.qty ?? 0;
      const reserved =
        (h?.t.sim.exchange.position('MSFT')?.qty ?? 0) -
        (h?.t.sim.exchange.position('MSFT')?.qty_available ?? 0);
      if (reserved > pos + 1e-9) violations.push(`${reserved} reserved of ${pos}`);
    });
    await h.buy('MSFT', 9);
    await waitFor(
      async () => {
        const open = await h?.openOrders('MSFT');
        return open?.length === 1 && open[0]?.qty === 9 && open[0].status === 'new';
      },
      10_000,
      'one OCO for the 9 shares',
    );
    stopWatch();
    expect(violations).toEqual([]);
    expect(await h.position('MSFT')).toBe(9);
    const fills = d.events.filter((e) => e.kind === 'FillReceived' && e.symbol === 'MSFT');
    expect(fills.length).toBe(3);
    expect(d.events.filter((e) => e.kind === 'ProtectionFailed' && !e.deferred)).toEqual([]);
    expect(placed(d.events, 'MSFT').at(-1)?.qty).toBe(9);
  });

  it('places one protection for duplicated trade updates', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    await h.ctl.faults({ kind: 'duplicate_trade_updates', count: 10 });
    await h.buy('NVDA', 5);
    await waitFor(() => placed(d.events, 'NVDA').length > 0, 10_000, 'protection');
    // Let every duplicate arrive and an audit pass, then count.
    const audits = d.events.filter((e) => e.kind === 'AuditCompleted').length;
    await waitFor(
      () => d.events.filter((e) => e.kind === 'AuditCompleted').length > audits + 1,
      5_000,
      'two more audits',
    );
    expect(placed(d.events, 'NVDA')).toHaveLength(1);
    expect(d.events.filter((e) => e.kind === 'FillReceived' && e.symbol === 'NVDA')).toHaveLength(
      1,
    );
    const open = await h.openOrders('NVDA');
    expect(open).toHaveLength(1);
    expect(open[0]?.qty).toBe(5);
  });
});
