/**
 * Strategy exits and the ATR catastrophe stop against the simulator (prices printed with /sim/trade, the daily
 * bars from the simulator's bars API): a position opened by rsi_mean_reversion stays while its RSI (completed
 * with the live price) is below 50 and exits at market once a print lifts it above 50, journaled as
 * `strategy exit (rsi_above_50)`; a position of a strategy without a rule of its own, or with
 * `exits.strategy_exits: false`, does not; under
 * `exits.catastrophe_stop: atr` the OCO's stop moves to the entry less 3 x ATR(14) of the daily bars.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { roundToTick } from '../../../src/domain/money.ts';
import {
  dailyBasis,
  rsiWith,
  vwapWith,
  type DailyBasis,
} from '../../../src/domain/rules/strategy-exits/daily-basis.ts';
import { nyDate } from '../../../src/domain/time/ny-time.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../../src/records/intent-record.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import { waitFor } from '../../support/sim.ts';
import { OPEN_TS, startHarness, type Daemon, type Harness } from './daemon-harness.ts';

type Started = Extract<DaemonOutput, { kind: 'SoftExitStarted' }>;
const exitOf = (d: Daemon, symbol: string): Started | undefined =>
  d.events.find((e): e is Started => e.kind === 'SoftExitStarted' && e.symbol === symbol);
const TODAY = OPEN_TS.slice(0, 10);

/** The daily basis the daemon builds: split-adjusted daily bars of the sessions before today. */
async function basisOf(h: Harness, symbol: string): Promise<DailyBasis> {
  const now = Date.parse(OPEN_TS);
  const bars =
    (await h.user.getBars([symbol], '1Day', now - 400 * 86_400_000, now, 'split'))[symbol] ?? [];
  const basis = dailyBasis(
    bars.map((b) => ({ ...b, date: nyDate(b.ts) })).filter((b) => b.date < TODAY),
  );
  if (basis === null) throw new Error(`no daily bars for ${symbol}`);
  return basis;
}

/** The price at which RSI(14), completed with it, is 50 (RSI rises with the price). */
function rsi50(basis: DailyBasis): number {
  let lo = basis.lastClose * 0.5;
  let hi = basis.lastClose * 1.5;
  for (let i = 0; i < 60; i += 1) {
    const mid = (lo + hi) / 2;
    if ((rsiWith(basis, mid) ?? 0) < 50) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** An entry of `strategy` as `strikeline trade` sends it: the intent journaled first, then the order. */
async function enter(
  h: Harness,
  d: Daemon,
  symbol: string,
  strategy: string,
  at: number,
): Promise<number> {
  await h.ctl.trade({ symbol, price: at, size: 100 });
  const clientOrderId = `sl-entry-test-${symbol}-${strategy}`;
  const now = Date.parse(OPEN_TS);
  const intent: IntentRecord = {
    clientOrderId,
    day: TODAY,
    symbol,
    strategy,
    side: 'buy',
    notional: null,
    qty: 5,
    allocation: 0,
    price: at,
    status: 'submitted',
    brokerOrderId: null,
    brokerStatus: null,
    reason: 'test entry',
    fallbackClientOrderId: null,
    tsCreated: now,
    tsUpdated: now,
  };
  await d.store.table<IntentRecord>(INTENTS_TABLE).put(clientOrderId, intent);
  const order = await h.buy(symbol, 5, clientOrderId);
  await waitFor(
    async () => (await h.openOrders(symbol)).length === 1,
    3_000,
    `the OCO of ${symbol}`,
  );
  return (await h.user.getOrder(order.id)).filledAvgPrice ?? 0;
}

const loggedBars = (h: Harness, symbol: string): boolean =>
  readdirSync(h.logs)
    .filter((f) => f.endsWith('.jsonl'))
    .some((f) =>
      readFileSync(join(h.logs, f), 'utf8')
        .split('\n')
        .some((l) => l.includes('daily bars loaded') && l.includes(`"${symbol}"`)),
    );

async function printed(h: Harness, d: Daemon, symbol: string, price: number): Promise<void> {
  const before = d.events.length;
  await h.ctl.trade({ symbol, price, size: 100 });
  await waitFor(
    () => d.events.slice(before).filter((e) => e.kind === 'AuditCompleted').length >= 2,
    5_000,
    `the print of ${symbol} at ${price} to be processed`,
  );
}

describe('strategy exits', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('rsi_mean_reversion: holds while RSI < 50, exits at market once a print lifts it above 50', async () => {
    h = await startHarness();
    const harness = h;
    const d = h.startDaemon();
    await d.ready();
    const basis = await basisOf(h, 'MSFT');
    const p50 = rsi50(basis);
    const below = roundToTick(p50 * 0.99, 'down');
    // Below its VWAP too, so that only the RSI can end it.
    expect(below).toBeLessThan(vwapWith(basis, 0, 0) ?? 0);
    await enter(h, d, 'MSFT', 'rsi_mean_reversion', below);
    await waitFor(() => loggedBars(harness, 'MSFT'), 5_000, 'the daily bars of MSFT');
    await printed(h, d, 'MSFT', below);
    expect(exitOf(d, 'MSFT')).toBeUndefined();
    const above = roundToTick(p50 * 1.001, 'up');
    expect(rsiWith(basis, above)).toBeGreaterThan(50);
    await h.ctl.trade({ symbol: 'MSFT', price: above, size: 100 });
    const started = await waitFor(() => exitOf(d, 'MSFT'), 5_000, 'the strategy exit');
    expect(started).toMatchObject({
      rule: 'strategy exit (rsi_above_50)',
      price: above,
      floor: null,
      qty: 5,
    });
    await waitFor(
      async () =>
        (await harness.position('MSFT')) === 0 && (await harness.openOrders('MSFT')).length === 0,
      5_000,
      'MSFT sold with no order left',
    );
    const journal = await waitFor(
      () => d.store.journal.list().find((j) => j.action === 'soft_exit' && j.symbol === 'MSFT'),
      2_000,
      'the journal entry',
    );
    expect(journal.reason).toContain('strategy exit (rsi_above_50)');
    expect(journal.data).toMatchObject({ rule: 'strategy exit (rsi_above_50)', price: above });
  });

  it.each([
    ['a strategy without a rule of its own', 'mean_reversion', {}],
    ['exits.strategy_exits: false', 'rsi_mean_reversion', { exits: { strategy_exits: false } }],
  ])('%s: the position stays at the same prices', async (_name, strategy, config) => {
    h = await startHarness();
    const harness = h;
    const d = h.startDaemon({}, { config });
    await d.ready();
    const basis = await basisOf(h, 'MSFT');
    const p50 = rsi50(basis);
    await enter(h, d, 'MSFT', strategy, roundToTick(p50 * 0.99, 'down'));
    await printed(h, d, 'MSFT', roundToTick(p50 * 1.001, 'up'));
    await printed(h, d, 'MSFT', roundToTick(p50 * 1.002, 'up'));
    expect(exitOf(d, 'MSFT')).toBeUndefined();
    expect(await harness.position('MSFT')).toBe(5);
  });

  it('exits.catastrophe_stop: atr moves the stop to the entry less 3 x ATR(14)', async () => {
    h = await startHarness();
    const d = h.startDaemon({}, { config: { exits: { catastrophe_stop: 'atr' } } });
    await d.ready();
    const basis = await basisOf(h, 'AAPL');
    const entry = await enter(h, d, 'AAPL', 'mean_reversion', basis.lastClose);
    const stop = roundToTick(entry - 3 * (basis.atr ?? 0), 'down');
    const harness = h;
    const oco = await waitFor(
      async () =>
        (await harness.openOrders('AAPL')).find(
          (o) => o.orderClass === 'oco' && o.legs.some((l) => l.stopPrice === stop),
        ),
      8_000,
      `the OCO stop at ${stop}`,
    );
    expect(oco.qty).toBe(5);
    expect(stop).toBeLessThan(roundToTick(entry * 0.95, 'down'));
    // Placed at the percent stop the moment the fill came (the ATR not yet loaded), then moved to the ATR stop.
    const placedAt = () =>
      d.events
        .filter(
          (e): e is Extract<DaemonOutput, { kind: 'ProtectionPlaced' }> =>
            e.kind === 'ProtectionPlaced' && e.symbol === 'AAPL',
        )
        .map((e) => e.stopPrice);
    await waitFor(() => placedAt().at(-1) === stop, 3_000, 'the ATR stop journaled');
    expect(placedAt()[0]).toBe(roundToTick(entry * 0.95, 'down'));
    expect(await harness.openOrders('AAPL')).toHaveLength(1);
  });
});
