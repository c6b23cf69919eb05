/**
 * The risk authority between account polls, against the simulator (official SDK, real sockets, LMDB): a price printed
 * with POST /sim/trade trips daily_loss on live equity (the last poll's equity, the held shares at that trade) long
 * before the next poll (audits 10 minutes apart); the next poll is the check: it lifts what its own figure does not
 * confirm, and confirms what it does; a rapid-loss trip measured from an estimate's high keeps that reading, so the
 * next daemon's poll confirms it after a restart. The daemon's own protective orders count toward the order kills:
 * rejections injected with the simulator's faults latch HALTED while the daemon keeps retrying and protects the
 * position; a 429 (throttling) is no failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLedger, readRiskBook } from '../../../src/records/risk-state.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import type { RiskChanged } from '../../../src/streams/risk/risk-stream.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

const DAY = '2024-05-01';
const changes = (d: Daemon): RiskChanged[] =>
  d.events.filter((e: DaemonOutput): e is RiskChanged => e.kind === 'RiskChanged');
/** The risk authority's account polls (the core's coverage audits emit the same event type, without a status). */
const polls = (d: Daemon): number =>
  d.emitted.filter((e) => e.type === 'RECONCILIATION_CHECK' && e.fields.status !== undefined)
    .length;
/** The live equity estimates the daemons logged (debug lines of the risk authority in logs/). */
function estimates(root: string): number[] {
  const dir = join(root, 'logs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.includes('"live equity estimate"'))
    .map((l) => (JSON.parse(l) as { equity: number }).equity);
}
const protectedNow = (d: Daemon, symbol: string): boolean =>
  d.events.some((e) => e.kind === 'ProtectionPlaced' && e.symbol === symbol);

describe('live equity between account polls', { timeout: 90_000 }, () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  /** Waits for `found` while the simulator's clock moves 500 ms a step: the daemon's retries wait on the broker's time. */
  const moving = <T>(found: () => T, what: string) =>
    waitFor(
      async () => {
        await h?.ctl.clock({ advance_ms: 500, quiet: true });
        return found();
      },
      60_000,
      what,
    );

  it('a printed price trips daily_loss before the next poll; the poll lifts an estimate it does not confirm and confirms one it does', async () => {
    h = await startHarness();
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    // One poll at the start, the next 10 minutes later: only the live estimate can see the loss in this test's time.
    const a = h.startDaemon({ audit_interval_ms: 600_000 });
    await a.ready();
    await waitFor(() => polls(a) > 0, 10_000, 'the first account poll');
    await h.buy('AAPL', 600);
    await waitFor(() => protectedNow(a, 'AAPL'), 10_000, 'the AAPL protection');
    const pollsBefore = polls(a);
    await h.ctl.trade({ symbol: 'AAPL', price: 96, size: 100 });
    const change = await waitFor(
      () => changes(a).find((c) => c.tripped.some((t) => t.name === 'daily_loss')),
      15_000,
      'the daily-loss trip',
    );
    expect(change.source).toBe('estimate');
    expect(change.state).toBe('HALTED');
    expect(change.tripped.map((t) => [t.name, t.estimated])).toEqual([
      ['daily_loss', true],
      ['rapid_loss', true],
    ]);
    // 600 shares bought at $100.01, now $96: $2,406 of the $100,000 the poll found.
    expect(change.tripped[0]?.value).toBeCloseTo(0.02406, 6);
    expect(polls(a)).toBe(pollsBefore);
    expect(a.emitted.find((e) => e.type === 'RISK_LIMIT_HIT')?.fields).toMatchObject({
      breaker: 'daily_loss',
      measured_on: 'live estimate',
    });
    expect(a.store.journal.list().find((j) => j.action === 'breaker_tripped')?.data).toMatchObject({
      breaker: 'daily_loss',
      measured_on: 'live estimate',
    });
    expect(a.alerts.map((x) => x.subject)).toContain('TRADING HALTED: daily_loss breaker');
    expect(readRiskBook(a.store, DAY).equity?.current).toBeCloseTo(97_594, 6);
    await a.stop();

    // The price is back before the next poll sees the account: the estimate's trips are not confirmed and end.
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 100 });
    const b = h.startDaemon();
    await b.ready();
    const lifted = await waitFor(
      () => changes(b).find((c) => c.lifted.length > 0),
      15_000,
      'the poll lifting the estimate',
    );
    expect(lifted).toMatchObject({ source: 'poll', state: 'ACTIVE' });
    expect(lifted.lifted.map((t) => t.name).sort()).toEqual(['daily_loss', 'rapid_loss']);
    expect(
      b.store.journal
        .list()
        .filter((j) => j.action === 'breaker_lifted')
        .map((j) => j.reason)
        .sort(),
    ).toEqual([
      'daily_loss (account) not confirmed by the account poll',
      'rapid_loss (account) not confirmed by the account poll',
    ]);
    expect(readRiskBook(b.store, DAY).trips).toEqual([]);

    // A loss the poll measures too: whatever saw it first, the poll's figure confirms it and it stands.
    await h.ctl.trade({ symbol: 'AAPL', price: 96, size: 100 });
    await waitFor(
      () => changes(b).some((c) => c.tripped.some((t) => t.name === 'daily_loss')),
      15_000,
      'the second daily-loss trip',
    );
    // The polls come with the broker's time (the daemon's clock follows it): the simulator's clock moves meanwhile.
    const confirmed = await moving(() => {
      const t = readRiskBook(b.store, DAY).trips.find((x) => x.name === 'daily_loss');
      return t !== undefined && t.estimated !== true ? t : undefined;
    }, 'the poll confirming it');
    expect(confirmed.action).toBe('halt');
    expect(changes(b).filter((c) => c.lifted.some((t) => t.name === 'daily_loss'))).toHaveLength(1);
  });

  it("a rapid-loss trip on an estimate survives a restart before the next poll: the new daemon's poll confirms it on the readings behind it", async () => {
    h = await startHarness();
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    // Limits only the rapid loss can reach: a 1.2% fall from the session's high, 0.6% below the last close.
    const breakers = { circuit_breakers: { daily_loss_pct: 5, kill_daily_drawdown_pct: 10 } };
    const a = h.startDaemon({ audit_interval_ms: 600_000 }, { config: breakers });
    await a.ready();
    await waitFor(() => polls(a) > 0, 10_000, 'the first account poll');
    await h.buy('AAPL', 600);
    await waitFor(() => protectedNow(a, 'AAPL'), 10_000, 'the AAPL protection');
    // Every fill of the entry in the risk authority's ledger: the estimate values all 600 shares at the next trades.
    await waitFor(
      () => readLedger(a.store)?.lots.AAPL?.qty === 600,
      10_000,
      'the entry in the ledger',
    );
    // Up to $102 (the window's high, seen only by the estimate), then down to $100: 1.2% below that high.
    await h.ctl.trade({ symbol: 'AAPL', price: 102, size: 100 });
    // Estimates write nothing while nothing trips; the debug log says when the one at $102 was taken.
    await waitFor(
      () => estimates(h?.t.root ?? '').some((equity) => equity > 101_000),
      10_000,
      'the estimate at $102',
    );
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 100 });
    const change = await waitFor(
      () => changes(a).find((c) => c.tripped.some((t) => t.name === 'rapid_loss')),
      15_000,
      'the rapid-loss trip',
    );
    expect(change).toMatchObject({ source: 'estimate', state: 'HALTED' });
    expect(change.tripped.map((t) => [t.name, t.estimated])).toEqual([['rapid_loss', true]]);
    await a.stop();

    // The price stays at $100; the new daemon's first poll measures from the readings kept with the trip. The
    // restart takes a few seconds of the broker's time (the simulator's clock stands still unless moved).
    await h.ctl.clock({ advance_ms: 5_000, quiet: true });
    const b = h.startDaemon({}, { config: breakers });
    await b.ready();
    // Its RECONCILIATION_CHECK comes before it writes the book: the poll's word is the trip no longer estimated, or gone.
    const { trip } = await waitFor(
      () => {
        const t = readRiskBook(b.store, DAY).trips.find((x) => x.name === 'rapid_loss');
        return t === undefined || t.estimated !== true ? { trip: t } : undefined;
      },
      10_000,
      "the new daemon's poll on the trip",
    );
    expect(trip).toMatchObject({ action: 'halt', tsTriggered: change.tripped[0]?.tsTriggered });
    expect(changes(b).filter((c) => c.lifted.length > 0)).toEqual([]);
  });

  /** A protected AAPL position whose OCO the user then cancels, with `count` rejections waiting for the daemon's next orders. */
  async function reprotectThroughRejections(
    d: Daemon,
    count: number,
    status: 403 | 422 | 429,
    message = 'order rejected by the simulator (fault injection)',
  ): Promise<void> {
    if (h === undefined) throw new Error('no harness');
    await h.buy('AAPL', 50);
    await waitFor(() => protectedNow(d, 'AAPL'), 10_000, 'the AAPL protection');
    await h.ctl.faults({ kind: 'reject_orders', count, status, message });
    const [oco] = await h.openOrders('AAPL');
    if (oco === undefined) throw new Error('no OCO');
    await h.user.cancelOrder(oco.id);
  }
  const placements = (d: Daemon): number =>
    d.events.filter((e) => e.kind === 'ProtectionPlaced').length;

  it("the daemon's own rejected protective orders latch the consecutive_failures kill; protection keeps retrying and lands", async () => {
    h = await startHarness();
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    const d = h.startDaemon();
    await d.ready();
    await reprotectThroughRejections(d, 3, 403);
    const kill = await moving(
      () => changes(d).find((c) => c.tripped.some((t) => t.name === 'consecutive_failures')),
      'the kill',
    );
    expect(kill).toMatchObject({ source: 'orders', state: 'HALTED' });
    expect(d.emitted.find((e) => e.type === 'KILL_SWITCH_TRIGGERED')?.fields).toMatchObject({
      breaker: 'consecutive_failures',
      value: 3,
      threshold: 3,
    });
    expect(
      d.store.journal.list().find((j) => j.action === 'breaker_tripped' && j.actor === 'daemon')
        ?.reason,
    ).toBe('kill switch: 3 order failures in a row (limit 3)');
    expect(
      d.alerts.find((x) => x.subject === 'KILL SWITCH: consecutive_failures breaker')?.severity,
    ).toBe('critical');
    // HALTED never stops protection: the next attempt is placed, and the kill stays latched.
    await moving(() => placements(d) === 2, 'the AAPL protection after the rejections');
    expect((await h.openOrders('AAPL')).length).toBe(1);
    await waitFor(
      () => readRiskBook(d.store, DAY).orders.consecutiveFailures === 0,
      10_000,
      'the placement counted',
    );
    const book = readRiskBook(d.store, DAY);
    expect(book.trips.map((t) => t.name)).toEqual(['consecutive_failures']);
    expect(book.orders).toMatchObject({ sent: 5, rejected: 3, consecutiveFailures: 0 });
  });

  it("the daemon's rejections trip the rejection_rate kill at kill_rejection_min_count", async () => {
    h = await startHarness();
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    const d = h.startDaemon(
      {},
      {
        config: {
          circuit_breakers: { kill_consecutive_failures: 100, kill_rejection_min_count: 4 },
        },
      },
    );
    await d.ready();
    await reprotectThroughRejections(d, 4, 422);
    const kill = await moving(() => changes(d).find((c) => c.tripped.length > 0), 'the kill');
    expect(kill.tripped.map((t) => [t.name, t.value])).toEqual([['rejection_rate', 0.8]]);
    expect(d.store.journal.list().find((j) => j.action === 'breaker_tripped')?.reason).toBe(
      'kill switch: 4 of 5 orders rejected today, 80.00% (limit 50% with at least 4)',
    );
    await moving(() => placements(d) === 2, 'the AAPL protection after the rejections');
  });

  it("a 429 on the daemon's own orders is throttling, known by its HTTP status whatever its message: no order failure counted", async () => {
    h = await startHarness();
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    const d = h.startDaemon();
    await d.ready();
    // A message that names no rate limit: only the status says what it is.
    await reprotectThroughRejections(d, 3, 429, 'slow down (fault injection)');
    await moving(() => placements(d) === 2, 'the AAPL protection after the throttled requests');
    const throttled = d.events.filter(
      (e) => e.kind === 'ProtectionFailed' && e.error === 'slow down (fault injection)',
    );
    expect(throttled).toHaveLength(3);
    expect(throttled.every((e) => e.kind === 'ProtectionFailed' && e.rateLimited === true)).toBe(
      true,
    );
    await waitFor(
      () => readRiskBook(d.store, DAY).orders.sent === 2,
      10_000,
      'the placements counted',
    );
    const book = readRiskBook(d.store, DAY);
    expect(book.orders).toMatchObject({ sent: 2, rejected: 0, consecutiveFailures: 0 });
    expect(book.trips).toEqual([]);
    expect(changes(d)).toEqual([]);
  });
});
