/**
 * Soft exits against the simulator, prices driven with /sim/trade and time with /sim/clock (speed 0): trailing,
 * break-even and time stop exit at the right prices and times and leave no open order; a refused exit sale
 * leaves the position protected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { roundToTick } from '../../../src/domain/money.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

type Started = Extract<DaemonOutput, { kind: 'SoftExitStarted' }>;
const exitOf = (d: Daemon, symbol: string): Started | undefined =>
  d.events.find((e): e is Started => e.kind === 'SoftExitStarted' && e.symbol === symbol);

async function protectedEntry(h: Harness, d: Daemon, symbol: string, qty: number): Promise<number> {
  const entry = await h.buy(symbol, qty);
  await waitFor(
    async () => (await h.openOrders(symbol)).length === 1,
    2_000,
    `the OCO of ${symbol}`,
  );
  return (await h.user.getOrder(entry.id)).filledAvgPrice ?? 0;
}

/** Waits until the daemon has seen the market trade at `price` (M or an exit decision moved). */
async function printed(h: Harness, d: Daemon, symbol: string, price: number): Promise<void> {
  const before = d.events.length;
  await h.ctl.trade({ symbol, price, size: 100 });
  // The data stream delivers the print; an audit after it guarantees the daemon processed what came before.
  const audits = () => d.events.slice(before).filter((e) => e.kind === 'AuditCompleted').length;
  await waitFor(() => audits() >= 1, 3_000, `the print of ${symbol} at ${price} to be processed`);
}

async function flat(h: Harness, symbol: string): Promise<void> {
  await waitFor(
    async () => (await h.position(symbol)) === 0 && (await h.openOrders(symbol)).length === 0,
    3_000,
    `${symbol} sold with no order left`,
  );
}

describe('soft exits', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('trailing: armed at +2%, exits at E + 50% x (M - E) or below, not above', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    const e = await protectedEntry(h, d, 'AAPL', 10);
    const m = roundToTick(e * 1.03, 'up');
    const floor = e + 0.5 * (m - e);
    await printed(h, d, 'AAPL', m);
    await printed(h, d, 'AAPL', roundToTick(floor + 0.02, 'up'));
    expect(exitOf(d, 'AAPL')).toBeUndefined();
    const below = roundToTick(floor - 0.01, 'down');
    await h.ctl.trade({ symbol: 'AAPL', price: below, size: 100 });
    const started = await waitFor(() => exitOf(d, 'AAPL'), 3_000, 'the trailing exit');
    expect(started).toMatchObject({ rule: 'trailing', price: below, highWater: m, qty: 10 });
    expect(started.floor).toBeCloseTo(floor, 9);
    await flat(h, 'AAPL');
    const journal = await waitFor(
      () => d.store.journal.list().find((j) => j.action === 'soft_exit'),
      2_000,
      'the journal entry',
    );
    expect(journal.data).toMatchObject({ rule: 'trailing', price: below });
  });

  it('break-even: armed at +1.5%, exits when the price is back at E', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    const e = await protectedEntry(h, d, 'MSFT', 4);
    await printed(h, d, 'MSFT', roundToTick(e * 1.017, 'up'));
    await printed(h, d, 'MSFT', roundToTick(e + 0.05, 'up'));
    expect(exitOf(d, 'MSFT')).toBeUndefined();
    await h.ctl.trade({ symbol: 'MSFT', price: e, size: 100 });
    const started = await waitFor(() => exitOf(d, 'MSFT'), 3_000, 'the break-even exit');
    expect(started).toMatchObject({ rule: 'break_even', price: e, floor: e });
    await flat(h, 'MSFT');
  });

  it('time stop: exits once the position is older than 7 days, not before', async () => {
    h = await startHarness();
    // No REST re-pricing of the quiet days: the synthetic market's drift would arm the price rules.
    const d = h.startDaemon({ stale_symbol_ms: 30 * 86_400_000 });
    await d.ready();
    await protectedEntry(h, d, 'NVDA', 3);
    // Audits run on the daemon's clock: three of them after it moved mean the timer had its turns too.
    const auditsAfter = (ts: number, count: number) =>
      waitFor(
        () =>
          d.events.filter((e) => e.kind === 'AuditCompleted' && e.tsRequested >= ts).length >=
          count,
        6_000,
        'audits after the clock moved',
      );
    // 6 days 5.5 hours later, in session: too early.
    await h.ctl.clock({ to: '2024-05-07T19:00:00Z', quiet: true });
    await auditsAfter(Date.parse('2024-05-07T19:00:00Z'), 3);
    expect(exitOf(d, 'NVDA')).toBeUndefined();
    // 7 days and 4 minutes after the entry, in session.
    await h.ctl.clock({ to: '2024-05-08T13:35:00Z', quiet: true });
    const started = await waitFor(() => exitOf(d, 'NVDA'), 5_000, 'the time stop');
    expect(started.rule).toBe('time_stop');
    await flat(h, 'NVDA');
  });

  it('a refused exit sale leaves the position protected', async () => {
    h = await startHarness();
    const d = h.startDaemon();
    await d.ready();
    const e = await protectedEntry(h, d, 'AMZN', 6);
    const m = roundToTick(e * 1.04, 'up');
    await printed(h, d, 'AMZN', m);
    await h.ctl.faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: 'exit refused by the simulator',
    });
    await h.ctl.trade({ symbol: 'AMZN', price: roundToTick(e * 1.01, 'down'), size: 100 });
    await waitFor(
      () => d.events.some((x) => x.kind === 'ExitRejected' && x.symbol === 'AMZN'),
      3_000,
      'the refused sale',
    );
    const harness = h;
    await waitFor(
      async () =>
        (await harness.openOrders('AMZN')).some((o) => o.orderClass === 'oco' && o.qty === 6),
      3_000,
      'protection back in place',
    );
    expect(await h.position('AMZN')).toBe(6);
    const kinds = d.events.filter((x) => 'symbol' in x && x.symbol === 'AMZN').map((x) => x.kind);
    expect(kinds.indexOf('ExitRejected')).toBeLessThan(kinds.lastIndexOf('ProtectionPlaced'));
    await waitFor(
      () => d.store.journal.list().some((j) => j.action === 'exit_rejected' && j.symbol === 'AMZN'),
      2_000,
      'the journal entry',
    );
  });
});
