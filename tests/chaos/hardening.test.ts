/**
 * Regressions of issue 11 in virtual time (the real SDK, adapter, daemon and simulator over the in-process wire,
 * fake timers): each measures how long, in the daemon's own virtual seconds, a position stays without a stop.
 * Virtual time is exact and independent of the machine's load, so these bounds are deterministic.
 *   - a trade update without a timestamp does not move the daemon's clock (the session stays open, the fractional
 *     remainder gets its DAY stop), and one with qty Infinity / price -5 is never taken as a fill;
 *   - a protective order refused with 429 is retried on its own timer (Retry-After honoured), not at the next tick;
 *   - one 5xx (order not placed, or placed and the answer lost) leaves the position covered within 2 s;
 *   - a timed-out POST that did reach the broker is adopted, never duplicated.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import { isBrokerError } from '../../src/domain/broker-error.ts';
import { qty } from '../../src/domain/money.ts';
import type { DaemonOutput } from '../../src/streams/daemon/daemon-stream.ts';
import { coverageOf, uncovered } from '../support/coverage-watch.ts';
import { faultWire, type FaultWire } from '../support/fault-wire.ts';
import {
  startVirtualHarness,
  type VirtualDaemon,
  type VirtualHarness,
} from '../support/virtual-daemon.ts';

const STEP_MS = 50;

let h: VirtualHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function ready(harness: VirtualHarness, d: VirtualDaemon): Promise<void> {
  for (let i = 0; i < 200 && !d.events.some((e) => e.kind === 'Ready'); i += 1)
    await harness.advance(STEP_MS);
  expect(d.events.some((e) => e.kind === 'Ready')).toBe(true);
}

/** Buys at market and returns the virtual ms from the buy's answer until every share of the account is under a stop. */
async function buyAndTimeCoverage(
  harness: VirtualHarness,
  symbol: string,
  shares: number,
  limitMs = 120_000,
): Promise<number> {
  const answer = harness.user.submitOrder({
    kind: 'SubmitOrder',
    clientOrderId: `sl-entry-test-${symbol}-${String(Date.now())}`,
    symbol,
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    qty: qty(shares),
    reason: 'test entry',
  });
  await harness.advance(10);
  await answer;
  const t0 = Date.now();
  for (let waited = 0; waited <= limitMs; waited += STEP_MS) {
    await harness.advance(STEP_MS);
    const held = harness.sim.exchange.position(symbol)?.qty ?? 0;
    if (held >= shares - 1e-9 && Object.keys(uncovered(harness.sim.exchange)).length === 0)
      return Date.now() - t0;
  }
  throw new Error(
    `not covered after ${String(limitMs)} virtual ms: ${JSON.stringify(uncovered(harness.sim.exchange))}`,
  );
}

const ofKind = <K extends DaemonOutput['kind']>(d: VirtualDaemon, kind: K) =>
  d.events.filter((e): e is Extract<DaemonOutput, { kind: K }> => e.kind === kind);

async function start(
  f: FaultWire,
  wallStart?: string,
): Promise<{ harness: VirtualHarness; d: VirtualDaemon }> {
  h = await startVirtualHarness({
    wire: f.options,
    ...(wallStart === undefined ? {} : { wallStart }),
  });
  const d = h.startDaemon();
  await ready(h, d);
  return { harness: h, d };
}

describe('malformed trade updates (issue 11, item 1)', () => {
  it('a frame without a timestamp leaves the clock on broker time: the session stays open and the fraction gets its DAY stop', async () => {
    const f = faultWire();
    // The box's wall clock is far from the broker's (a simulator day in the past), as when the bug was seen.
    const { harness, d } = await start(f, '2026-11-30T15:00:00Z');
    f.breakFrames({ kind: 'no_timestamp' }, 3);
    const ms = await buyAndTimeCoverage(harness, 'AAPL', 7.25);
    expect(ms).toBeLessThanOrEqual(2_000);
    expect(ofKind(d, 'SessionChanged').filter((e) => !e.open)).toEqual([]);
    const cov = coverageOf(harness.sim.exchange).find((c) => c.symbol === 'AAPL');
    expect(cov).toMatchObject({ position: 7.25, stopped: 7.25 });
    expect(f.injected.frames).toBe(3);
  });

  it('a frame with qty Infinity and price -5 is never a fill', async () => {
    const f = faultWire();
    const { harness, d } = await start(f);
    f.breakFrames({ kind: 'bad_numbers' }, 3);
    await buyAndTimeCoverage(harness, 'MSFT', 10);
    const fills = ofKind(d, 'FillReceived');
    expect(fills.length).toBeGreaterThan(0);
    for (const fill of fills) {
      expect(Number.isFinite(fill.qty) && fill.qty > 0).toBe(true);
      expect(fill.price).toBeGreaterThan(0);
    }
    const placed = ofKind(d, 'ProtectionPlaced').filter((e) => e.symbol === 'MSFT');
    expect(placed.map((p) => p.qty)).toEqual([10]);
  });
});

describe('refused protective orders (issue 11, items 2 and 3)', () => {
  it('429s are retried on their own timer, honouring Retry-After: covered within the schedule + 1 s', async () => {
    const f = faultWire();
    const { harness } = await start(f);
    f.failOrders({ kind: 'rate_limit', retryAfterS: 1 }, 2);
    // Two refusals, each asking 1 s: the third POST goes at +2 s.
    const ms = await buyAndTimeCoverage(harness, 'NVDA', 5);
    expect(f.injected.rest).toBe(2);
    expect(ms).toBeLessThanOrEqual(2_000 + 1_000);
  });

  it('one 5xx (order not placed) leaves the position covered within 2 s', async () => {
    const f = faultWire();
    const { harness } = await start(f);
    f.failOrders({ kind: 'server_error', status: 500, applied: false });
    expect(await buyAndTimeCoverage(harness, 'AMZN', 3)).toBeLessThanOrEqual(2_000);
  });

  it('one 5xx after the broker placed the order: adopted within 2 s, never a second order', async () => {
    const f = faultWire();
    const { harness } = await start(f);
    f.failOrders({ kind: 'server_error', status: 503, applied: true });
    expect(await buyAndTimeCoverage(harness, 'AAPL', 4)).toBeLessThanOrEqual(2_000);
    await harness.advance(10_000);
    const sells = harness.sim.exchange
      .allOrders()
      .filter((o) => o.symbol === 'AAPL' && o.side === 'sell' && o.parent_id === null);
    expect(sells).toHaveLength(1);
  });

  it('a POST that timed out but reached the broker is adopted, never duplicated', async () => {
    const f = faultWire();
    const { harness } = await start(f);
    f.failOrders({ kind: 'timeout', applied: true });
    // Covered at once (the broker has the order); the daemon only learns it after its deadline.
    await buyAndTimeCoverage(harness, 'MSFT', 6);
    await harness.advance(30_000);
    const sells = harness.sim.exchange
      .allOrders()
      .filter((o) => o.symbol === 'MSFT' && o.side === 'sell' && o.parent_id === null);
    expect(sells).toHaveLength(1);
  });
});

describe('a restart after the stops were cancelled while the daemon was down (issue 11, item 4)', () => {
  it("re-covers 100 positions when the broker's 200-a-minute budget is spent exactly when its window reopens, not a tick later", async () => {
    const symbols = Array.from({ length: 100 }, (_, i) => `T${String(i).padStart(3, '0')}`);
    h = await startVirtualHarness({ sim: { symbols, rateLimitPerMinute: 200, cash: 1_000_000 } });
    const harness = h;
    const settle = async <T>(p: Promise<T>): Promise<T> => {
      const state: { done: boolean } = { done: false };
      const tracked = p.finally(() => {
        state.done = true;
      });
      tracked.catch(() => undefined);
      for (let i = 0; i < 10_000 && !state.done; i += 1) await harness.advance(10);
      return tracked;
    };
    // 100 positions bought while no daemon runs (the user shares the account's budget: a refused buy waits).
    for (const symbol of symbols) {
      for (;;) {
        const order = {
          kind: 'SubmitOrder' as const,
          clientOrderId: `user-${symbol}`,
          symbol,
          side: 'buy' as const,
          type: 'market' as const,
          timeInForce: 'day' as const,
          qty: qty(1),
          reason: 'test entry',
        };
        const ok = await settle(harness.user.submitOrder(order)).then(
          () => true,
          (e: unknown) => {
            if (isBrokerError(e) && e.kind === 'rate-limited') return false;
            throw e;
          },
        );
        if (ok) break;
        await harness.advance(1_000);
      }
    }
    const coveredWithin = async (limitMs: number): Promise<number> => {
      const t0 = Date.now();
      for (let waited = 0; waited <= limitMs; waited += 250) {
        await harness.advance(250);
        if (Object.keys(uncovered(harness.sim.exchange)).length === 0) return Date.now() - t0;
      }
      throw new Error(
        `${String(Object.keys(uncovered(harness.sim.exchange)).length)} positions uncovered after ${String(limitMs)} ms`,
      );
    };
    // A fresh minute: the daemon's start opens the broker's window; its 100 OCOs spend half of it.
    await harness.advance(61_000);
    const windowOpened = Date.now();
    const first = harness.startDaemon();
    await ready(harness, first);
    await coveredWithin(60_000);
    await first.stop();
    // Every protective order cancelled while nobody watches, then the daemon comes back in the same window.
    await settle(harness.user.cancelAllOrders());
    expect(Object.keys(uncovered(harness.sim.exchange))).toHaveLength(100);
    const restarted = Date.now();
    const again = harness.startDaemon();
    const ms = await coveredWithin(120_000);
    const limited = again.events.filter(
      (e) => e.kind === 'ProtectionFailed' && e.error === 'too many requests',
    ).length;
    process.stdout.write(
      `100 positions re-covered ${String(ms)} virtual ms after the restart (${String(limited)} refused 429 first; the window reopened ${String(windowOpened + 60_000 - restarted)} ms after the restart)\n`,
    );
    // Bound: the window's reopening (Retry-After) plus a second, never a minute-tick later.
    expect(restarted + ms).toBeLessThanOrEqual(windowOpened + 60_000 + 2_000);
    expect(again.events.filter((e) => e.kind === 'ProtectionPlaced')).toHaveLength(100);
  }, 300_000);
});

describe('bugs the chaos suite found', () => {
  it('a halt that begins and ends between two polls of the kill switch is still seen ending (seed 12886106, path 6)', async () => {
    const f = faultWire();
    const { harness, d } = await start(f);
    const killSwitch = createFileKillSwitch({
      path: join(harness.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
      who: 'test',
    });
    killSwitch.engage('a short halt');
    // A fill while halted: the reducer reads the kill switch with it, and places nothing.
    const buying = harness.user.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'user-halted-buy',
      symbol: 'NVDA',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(8),
      reason: 'test entry',
    });
    await harness.advance(20);
    await buying;
    await harness.advance(200);
    expect(ofKind(d, 'HaltChanged').map((e) => e.halted)).toEqual([true]);
    killSwitch.release();
    const t0 = Date.now();
    for (let i = 0; i < 240 && Object.keys(uncovered(harness.sim.exchange)).length > 0; i += 1)
      await harness.advance(STEP_MS);
    // The poll runs every second: released, the holding is protected within it (not at the next minute tick).
    expect(Object.keys(uncovered(harness.sim.exchange))).toEqual([]);
    expect(Date.now() - t0).toBeLessThanOrEqual(1_000 + 2 * STEP_MS);
  });

  it("a retry already due when the broker's clock jumps past it wakes at once (seed 12886106, path 16)", async () => {
    const f = faultWire();
    const { harness } = await start(f);
    f.failOrders({ kind: 'refuse', status: 422, message: 'forbidden' });
    const buying = harness.user.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId: 'user-jump-buy',
      symbol: 'AMZN',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(13),
      reason: 'test entry',
    });
    await harness.advance(20);
    await buying;
    await harness.advance(200);
    expect(f.injected.rest).toBe(1);
    // The broker's time leaps 8 minutes: the daemon's clock follows at its next sync, past the 2 s retry.
    harness.sim.exchange.advanceTo(harness.sim.exchange.now() + 480_000, { quiet: true });
    const t0 = Date.now();
    for (let i = 0; i < 240 && Object.keys(uncovered(harness.sim.exchange)).length > 0; i += 1)
      await harness.advance(STEP_MS);
    expect(Object.keys(uncovered(harness.sim.exchange))).toEqual([]);
    expect(Date.now() - t0).toBeLessThanOrEqual(2_000 + 2 * STEP_MS);
  });
});
