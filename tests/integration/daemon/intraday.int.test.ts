/**
 * The intraday strategies in the daemon, on the simulator (a fixture market: constant prices, only the prints the
 * test makes with POST /sim/trade, so the stream's minute bars are the test's): an opening range printed over the
 * first 15 minutes, then a breakout; the daemon's ORB enters once through the order intents (journaled, the
 * deterministic client_order_id), the core protects the fill, a restart within the signal's minute does not enter
 * twice, and MARKET_CLOSE (15:45) closes the position at market with its reason journaled. The kill switch stops
 * the entry; a strategy switched off never enters; `intraday.max_positions` caps the entries. The entries count
 * toward the order kill conditions like `trade`'s.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dirCheckpoints } from '../../../src/adapters/checkpoints/dir-checkpoints.ts';
import { createFileKillSwitch } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { modelRegime } from '../../../src/cli/compose-phases.ts';
import { DEFAULT_CONFIG } from '../../../src/config/schema.ts';
import { firstEntrySignal } from '../../../src/domain/rules/intraday/intraday-signals.ts';
import type { IntradaySession } from '../../../src/domain/rules/intraday/intraday-session.ts';
import { entryClientOrderId } from '../../../src/domain/ids/client-order-ids.ts';
import type { JournalEntry } from '../../../src/domain/ports.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../../src/records/intent-record.ts';
import { readRiskBook } from '../../../src/records/risk-state.ts';
import type { SimBar, SimTimeframe } from '../../../src/sim/contracts.ts';
import type { SyntheticMarketWithInfo } from '../../../src/sim/market/synthetic-market.ts';
import { createFakeMarket } from '../../support/fake-market.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

const DEADLINE_MS = 20_000;
const DAY = '2024-05-01';
/** The fixture's prices: AAPL at 100, MSFT at 40; the test's prints are scaled to them. */
const SCALE: Readonly<Record<string, number>> = { AAPL: 1, MSFT: 0.4 };
const ORB_ONLY = {
  live: true,
  symbols: ['AAPL', 'MSFT'],
  orb: { enabled: true, range_min: 15 },
  vwap_reversion: { enabled: false },
  intraday_gap_fill: { enabled: false },
};

function intradayDaemon(
  h: Harness,
  intraday: Record<string, unknown> = ORB_ONLY,
  config: Record<string, unknown> = {},
): Daemon {
  return h.startDaemon(
    {},
    {
      config: { phases: { cycle_ms: 100 }, intraday, ...config },
      phases: (store) => ({
        checkpoints: dirCheckpoints(join(h.t.root, 'checkpoints'), store),
        regime: modelRegime(join(h.t.root, 'data')),
      }),
    },
  );
}

/** The prints' minutes as the bars API serves them (what a daemon started after them backfills): [minute, price]. */
const PRINTED: ReadonlyArray<readonly [string, number]> = [
  ['13:31', 100],
  ['13:36', 101],
  ['13:41', 99],
  ['13:44', 100],
  ['13:50', 102],
];

/** The fixture market, whose bars API serves the given minutes (ISO minute, price) as minute bars once they are over. */
function printedMarket(
  printed: ReadonlyArray<readonly [string, number]> = PRINTED.map(
    ([hm, p]) => [`${DAY}T${hm}`, p] as const,
  ),
): SyntheticMarketWithInfo {
  const market = createFakeMarket();
  const bars = (
    symbol: string,
    timeframe: SimTimeframe,
    tsStart: number,
    tsEnd: number,
    tsNow: number,
  ): SimBar[] =>
    timeframe.unit !== 'Min' || timeframe.amount !== 1
      ? []
      : printed
          .map(([minute, p]) => {
            const price = p * (SCALE[symbol] ?? 1);
            return {
              t: Date.parse(`${minute}:00Z`),
              o: price,
              h: price,
              l: price,
              c: price,
              v: 100,
              n: 1,
              vw: price,
            };
          })
          .filter((b) => b.t >= tsStart && b.t < tsEnd && b.t + 60_000 <= tsNow);
  return {
    ...market,
    bars,
    seed: 0,
    symbols: market.symbols.map((x) => ({ ...x, sector: 'Information Technology' })),
    has: (symbol) => market.symbols.some((x) => x.symbol === symbol),
  };
}

const sessionOf = (printed: typeof PRINTED): IntradaySession => ({
  date: DAY,
  tsOpen: Date.parse(`${DAY}T13:30:00Z`),
  tsClose: Date.parse(`${DAY}T20:00:00Z`),
  prevClose: null,
  bars: printed.map(([hm, p]) => ({
    ts: Date.parse(`${DAY}T${hm}:00Z`),
    open: p,
    high: p,
    low: p,
    close: p,
    volume: 100,
  })),
});

const journal = (d: Daemon, action: string, symbol = 'AAPL'): JournalEntry[] =>
  d.store.journal
    .list()
    .filter((e) => e.actor === 'intraday' && e.action === action && e.symbol === symbol);

/** The opening range: 100, 101 (the high) and 99 (the low) in the session's first 15 minutes (scaled). */
async function printRange(h: Harness, symbols: readonly string[]): Promise<void> {
  for (const [time, price] of [
    ['13:31:00', 100],
    ['13:36:00', 101],
    ['13:41:00', 99],
    ['13:44:00', 100],
  ] as const) {
    await h.ctl.clock({ to: `${DAY}T${time}Z`, quiet: true });
    for (const symbol of symbols)
      await h.ctl.trade({ symbol, price: price * (SCALE[symbol] ?? 1), size: 100 });
  }
}

/** The breakout at 09:50 (a close at 102 above the range's 101), then minutes of the signal's freshness, second by second, until `until`. */
async function breakOut(
  h: Harness,
  symbols: readonly string[],
  until: () => unknown,
  what: string,
): Promise<void> {
  await h.ctl.clock({ to: `${DAY}T13:50:00Z`, quiet: true });
  for (const symbol of symbols)
    await h.ctl.trade({ symbol, price: 102 * (SCALE[symbol] ?? 1), size: 100 });
  await h.ctl.clock({ to: `${DAY}T13:51:00Z`, quiet: true });
  let steps = 0;
  await waitFor(
    async () => {
      if (until()) return true;
      // Within the signal's freshness (2 min after the 09:51 open): one simulated second per step.
      if (steps < 90) {
        steps += 1;
        await h.ctl.clock({ advance_ms: 1_000, quiet: true });
      }
      return false;
    },
    DEADLINE_MS,
    what,
  );
}

describe('intraday strategies in the daemon (simulator)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('an ORB breakout is entered once, protected, not entered again after a restart, and closed at 15:45', async () => {
    h = await startHarness({ market: printedMarket() }, `${DAY}T13:29:00Z`);
    const harness = h;
    let d = intradayDaemon(h);
    await d.ready();
    await printRange(h, ['AAPL']);
    const first = d;
    await breakOut(
      h,
      ['AAPL'],
      () => journal(first, 'intraday_entry_submitted').length > 0,
      'the ORB entry',
    );

    const id = entryClientOrderId({ day: DAY, ticker: 'AAPL', strategy: 'orb' });
    const [entry] = journal(d, 'intraday_entry');
    expect(entry).toMatchObject({
      clientOrderId: id,
      reason: expect.stringContaining(
        'intraday orb: close 102.00 above the 15-min range 99.00-101.00',
      ) as string,
    });
    const intent = d.store.table<IntentRecord>(INTENTS_TABLE).get(id);
    expect(intent).toMatchObject({
      day: DAY,
      symbol: 'AAPL',
      strategy: 'orb',
      status: 'submitted',
    });
    const qty = intent?.qty ?? 0;
    expect(qty).toBeGreaterThan(0);
    await waitFor(
      async () => (await harness.position('AAPL')) === qty,
      DEADLINE_MS,
      'the entry filled',
    );
    await waitFor(
      async () => (await harness.openOrders('AAPL')).some((o) => o.side === 'sell'),
      DEADLINE_MS,
      'the fill protected',
    );

    // A restart while the signal is still fresh: the same client_order_id, already entered, nothing sent.
    await d.stop();
    d = intradayDaemon(h);
    await d.ready();
    const second = d;
    await waitFor(
      async () => {
        await harness.ctl.clock({ advance_ms: 1_000, quiet: true });
        return journal(second, 'intraday_entry_stopped').some(
          (e) => e.reason === 'AAPL already has an entry today',
        );
      },
      DEADLINE_MS,
      'the restarted daemon to see the signal again',
    );
    const buys = (await h.user.listOrders({ status: 'all', limit: 500 })).filter(
      (o) => o.side === 'buy' && o.symbol === 'AAPL',
    );
    expect(buys.map((o) => o.clientOrderId)).toEqual([id]);
    // VWAP reversion, switched off here, had its signal on 09:41's close (1 % below the VWAP): it never entered.
    expect(
      firstEntrySignal('vwap_reversion', sessionOf(PRINTED), DEFAULT_CONFIG.intraday)?.bar.ts,
    ).toBe(Date.parse(`${DAY}T13:41:00Z`));
    expect(d.store.journal.list().filter((e) => e.data?.['strategy'] === 'vwap_reversion')).toEqual(
      [],
    );

    await h.ctl.clock({ to: `${DAY}T19:45:05Z`, quiet: true });
    await waitFor(
      async () => (await harness.position('AAPL')) === 0,
      DEADLINE_MS,
      'the intraday position closed at MARKET_CLOSE',
    );
    expect(journal(d, 'intraday_close')).toEqual([
      expect.objectContaining({
        reason: `MARKET_CLOSE: the orb position of ${qty} AAPL is closed at market (intraday positions never stay overnight)`,
      }),
    ]);
    const sells = (await h.user.listOrders({ status: 'all', limit: 500 })).filter(
      (o) => o.side === 'sell' && o.symbol === 'AAPL' && o.status === 'filled',
    );
    expect(sells).toEqual([
      expect.objectContaining({
        type: 'market',
        clientOrderId: expect.stringMatching(/^sl-exit-AAPL-/) as string,
      }),
    ]);
  }, 120_000);

  it('the kill switch stops the entry; released within the signal, the entry goes; max_positions caps the entries', async () => {
    h = await startHarness({ market: printedMarket() }, `${DAY}T13:29:00Z`);
    const d = intradayDaemon(h, { ...ORB_ONLY, max_positions: 1 });
    await d.ready();
    await printRange(h, ['AAPL', 'MSFT']);
    const ks = createFileKillSwitch({
      path: join(h.t.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
    });
    ks.engage('test: no intraday entry');
    await waitFor(
      () => d.store.journal.list().some((e) => e.action === 'tasks_halted'),
      DEADLINE_MS,
      'the tasks halted',
    );
    await h.ctl.clock({ to: `${DAY}T13:50:00Z`, quiet: true });
    for (const symbol of ['AAPL', 'MSFT'])
      await h.ctl.trade({ symbol, price: 102 * (SCALE[symbol] ?? 1), size: 100 });
    for (let i = 0; i < 30; i += 1) await h.ctl.clock({ advance_ms: 1_000, quiet: true });
    expect(
      (await h.user.listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy'),
    ).toEqual([]);

    ks.release();
    await waitFor(
      async () => {
        await h?.ctl.clock({ advance_ms: 1_000, quiet: true });
        return (
          journal(d, 'intraday_entry_submitted', 'AAPL').length +
            journal(d, 'intraday_entry_submitted', 'MSFT').length >
            0 &&
          journal(d, 'intraday_entry_stopped', 'AAPL').length +
            journal(d, 'intraday_entry_stopped', 'MSFT').length >
            0
        );
      },
      DEADLINE_MS,
      'one entry, one stopped',
    );
    const stopped = [
      ...journal(d, 'intraday_entry_stopped', 'AAPL'),
      ...journal(d, 'intraday_entry_stopped', 'MSFT'),
    ];
    expect(stopped.map((e) => e.reason)).toEqual(['intraday.max_positions (1) reached']);
    expect(
      (await h.user.listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy'),
    ).toHaveLength(1);
  }, 120_000);

  it('with intraday.live off the daemon runs no intraday_entries task and enters nothing', async () => {
    h = await startHarness({ market: printedMarket() }, `${DAY}T13:29:00Z`);
    const d = intradayDaemon(h, { ...ORB_ONLY, live: false });
    await d.ready();
    await printRange(h, ['AAPL']);
    await h.ctl.clock({ to: `${DAY}T13:50:00Z`, quiet: true });
    await h.ctl.trade({ symbol: 'AAPL', price: 102, size: 100 });
    const harness = h;
    // The phase tasks run meanwhile (monitor_positions every simulated minute): the TRADING cycles happen.
    await waitFor(
      async () => {
        await harness.ctl.clock({ advance_ms: 5_000, quiet: true });
        return (
          d.events.filter((e) => e.kind === 'TaskRan' && e.task === 'monitor_positions').length >= 3
        );
      },
      DEADLINE_MS,
      'three TRADING cycles with their tasks',
    );
    expect(d.events.filter((e) => e.kind === 'TaskRan' && e.task === 'intraday_entries')).toEqual(
      [],
    );
    expect(
      (await h.user.listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy'),
    ).toEqual([]);
  }, 120_000);

  it("the intraday gap fill buys a gap down on the first bar, in MARKET_OPEN, against the previous session's last close", async () => {
    // April 30 closed at 100 (its 15:59 bar, from the bars API); May 1 opens at 97: a 3 % gap down.
    h = await startHarness(
      { market: printedMarket([['2024-04-30T19:59', 100]]) },
      `${DAY}T13:29:30Z`,
    );
    const gapOnly = {
      live: true,
      symbols: ['AAPL'],
      orb: { enabled: false },
      vwap_reversion: { enabled: false },
      intraday_gap_fill: { enabled: true, min_gap_pct: 1, max_gap_pct: 6 },
    };
    const d = intradayDaemon(h, gapOnly);
    await d.ready();
    await h.ctl.clock({ to: `${DAY}T13:30:10Z`, quiet: true });
    await h.ctl.trade({ symbol: 'AAPL', price: 97, size: 100 });
    await h.ctl.clock({ to: `${DAY}T13:31:00Z`, quiet: true });
    const harness = h;
    // The task's run ends (its TaskRan) after its journal lines: the entry is seen whole.
    const ran = await waitFor(
      async () => {
        await harness.ctl.clock({ advance_ms: 1_000, quiet: true });
        return d.events.find(
          (e) =>
            e.kind === 'TaskRan' && e.task === 'intraday_entries' && e.detail.includes('submitted'),
        );
      },
      DEADLINE_MS,
      'the gap-fill entry',
    );
    expect(ran).toMatchObject({ phase: 'MARKET_OPEN' });
    const [entry] = journal(d, 'intraday_entry');
    expect(entry?.reason).toBe('intraday intraday_gap_fill: gap down -3.00% from 100.00');
    expect(entry?.data).toMatchObject({ strategy: 'intraday_gap_fill', target: 100, stop: 94 });
    expect(journal(d, 'intraday_entry_submitted')).toHaveLength(1);
  }, 120_000);

  it('intraday entries count toward the order kills: a rejected entry trips consecutive_failures and stops the next', async () => {
    h = await startHarness({ market: printedMarket() }, `${DAY}T13:29:00Z`);
    const d = intradayDaemon(h, ORB_ONLY, { circuit_breakers: { kill_consecutive_failures: 1 } });
    await d.ready();
    await printRange(h, ['AAPL', 'MSFT']);
    // The first entry the daemon sends is refused; the second (its run goes on: the kill is read before each) is stopped.
    await h.ctl.faults({
      kind: 'reject_orders',
      count: 1,
      status: 403,
      message: 'order rejected by the simulator (fault injection)',
    });
    await breakOut(
      h,
      ['AAPL', 'MSFT'],
      () =>
        journal(d, 'intraday_entry_rejected', 'AAPL').length +
          journal(d, 'intraday_entry_rejected', 'MSFT').length >
        0,
      'the rejected entry',
    );
    const kill = await waitFor(
      () => d.emitted.find((e) => e.type === 'KILL_SWITCH_TRIGGERED'),
      DEADLINE_MS,
      'the kill',
    );
    expect(kill.fields).toMatchObject({ breaker: 'consecutive_failures', value: 1, threshold: 1 });
    expect(d.store.journal.list().find((e) => e.action === 'breaker_tripped')).toMatchObject({
      actor: 'intraday',
      reason: 'kill switch: 1 order failures in a row (limit 1)',
    });
    expect(readRiskBook(d.store, DAY).orders).toMatchObject({
      sent: 1,
      rejected: 1,
      consecutiveFailures: 1,
    });
    await waitFor(
      () =>
        [
          ...journal(d, 'intraday_entry_stopped', 'AAPL'),
          ...journal(d, 'intraday_entry_stopped', 'MSFT'),
        ].length > 0,
      DEADLINE_MS,
      'the second entry stopped',
    );
    expect(
      (await h.user.listOrders({ status: 'all', limit: 500 })).filter((o) => o.side === 'buy'),
    ).toEqual([]);
  }, 120_000);
});
