/**
 * ml_momentum's model reversal in the daemon, against the simulator: the daemon reads the scan's model
 * (scanner/ml/model-up-probability.ts) over the symbol's daily bars (the scan's adjustment and years); a position
 * opened by ml_momentum whose model's P(5-day return > 0) at the last close is below 0.5 exits at market on the
 * next trade, journaled as `strategy exit (model_reversal)`, on its entry day (before the 5-session rule); one whose
 * P(up) is at least 0.5 stays at the same prices, and so does the reversal under `exits.strategy_exits: false`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/schema.ts';
import { nyDate } from '../../../src/domain/time/ny-time.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../../src/records/intent-record.ts';
import { modelUpProbability } from '../../../src/scanner/ml/model-up-probability.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import { waitFor } from '../../support/sim.ts';
import { OPEN_TS, startHarness, type Daemon, type Harness } from './daemon-harness.ts';

type Started = Extract<DaemonOutput, { kind: 'SoftExitStarted' }>;
const exitOf = (d: Daemon, symbol: string): Started | undefined =>
  d.events.find((e): e is Started => e.kind === 'SoftExitStarted' && e.symbol === symbol);
const TODAY = OPEN_TS.slice(0, 10);
const CANDIDATES = [
  'AAPL',
  'MSFT',
  'GOOGL',
  'AMZN',
  'JPM',
  'V',
  'JNJ',
  'WMT',
  'PG',
  'KO',
  'PEP',
  'XOM',
  'HD',
  'MRK',
  'CSCO',
  'ORCL',
];

/** The model's P(up) at yesterday's close, as the daemon computes it. */
async function upProbabilities(h: Harness): Promise<Map<string, number | null>> {
  const model = modelUpProbability(DEFAULT_CONFIG.scanner.history_years);
  const now = Date.parse(OPEN_TS);
  const bars = await h.user.getBars(
    CANDIDATES,
    '1Day',
    now - model.historyYears * 365.25 * 86_400_000,
    now,
    model.adjustment,
  );
  return new Map(
    CANDIDATES.map((s) => [
      s,
      model.upProbability(
        s,
        (bars[s] ?? []).map((b) => ({ ...b, date: nyDate(b.ts) })).filter((b) => b.date < TODAY),
      ),
    ]),
  );
}

/** Picks one symbol the model has turned on (P < 0.5) and one it still favours (P >= 0.5). */
function pick(p: Map<string, number | null>): { reversed: string; favoured: string } {
  const reversed = [...p].find(([, v]) => v !== null && v < 0.45)?.[0];
  const favoured = [...p].find(([, v]) => v !== null && v >= 0.55)?.[0];
  if (reversed === undefined || favoured === undefined)
    throw new Error(`no pair of symbols on both sides of 0.5: ${JSON.stringify([...p])}`);
  return { reversed, favoured };
}

async function enter(h: Harness, d: Daemon, symbol: string): Promise<number> {
  const price = (await h.user.getLatestPrices([symbol]))[symbol]?.last ?? 100;
  await h.ctl.trade({ symbol, price, size: 100 });
  const clientOrderId = `sl-entry-test-${symbol}-ml_momentum`;
  const now = Date.parse(OPEN_TS);
  const intent: IntentRecord = {
    clientOrderId,
    day: TODAY,
    symbol,
    strategy: 'ml_momentum',
    side: 'buy',
    notional: null,
    qty: 5,
    allocation: 0,
    price,
    status: 'submitted',
    brokerOrderId: null,
    brokerStatus: null,
    reason: 'test entry',
    fallbackClientOrderId: null,
    tsCreated: now,
    tsUpdated: now,
  };
  await d.store.table<IntentRecord>(INTENTS_TABLE).put(clientOrderId, intent);
  await h.buy(symbol, 5, clientOrderId);
  await waitFor(
    async () => (await h.openOrders(symbol)).length === 1,
    3_000,
    `the OCO of ${symbol}`,
  );
  return price;
}

async function printed(h: Harness, d: Daemon, symbol: string, price: number): Promise<void> {
  const before = d.events.length;
  await h.ctl.trade({ symbol, price, size: 100 });
  await waitFor(
    () => d.events.slice(before).filter((e) => e.kind === 'AuditCompleted').length >= 2,
    5_000,
    `the print of ${symbol} at ${price} to be processed`,
  );
}

describe('ml_momentum model reversal in the daemon', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('exits a position whose model turned (P(up) < 0.5) on its entry day; keeps one the model still favours', async () => {
    h = await startHarness();
    const harness = h;
    const { reversed, favoured } = pick(await upProbabilities(h));
    const d = h.startDaemon();
    await d.ready();
    const keepAt = await enter(h, d, favoured);
    await printed(h, d, favoured, keepAt);
    const exitAt = await enter(h, d, reversed);
    await h.ctl.trade({ symbol: reversed, price: exitAt, size: 100 });
    const started = await waitFor(() => exitOf(d, reversed), 8_000, 'the model-reversal exit');
    expect(started).toMatchObject({ rule: 'strategy exit (model_reversal)', qty: 5 });
    await waitFor(
      async () =>
        (await harness.position(reversed)) === 0 &&
        (await harness.openOrders(reversed)).length === 0,
      5_000,
      `${reversed} sold with no order left`,
    );
    const journal = await waitFor(
      () => d.store.journal.list().find((j) => j.action === 'soft_exit' && j.symbol === reversed),
      2_000,
      'the journal entry',
    );
    expect(journal.reason).toContain('strategy exit (model_reversal)');
    await printed(h, d, favoured, keepAt);
    expect(exitOf(d, favoured)).toBeUndefined();
    expect(await harness.position(favoured)).toBe(5);
  });

  it('exits.strategy_exits: false keeps the position the model turned on', async () => {
    h = await startHarness();
    const { reversed } = pick(await upProbabilities(h));
    const d = h.startDaemon({}, { config: { exits: { strategy_exits: false } } });
    await d.ready();
    const at = await enter(h, d, reversed);
    await printed(h, d, reversed, at);
    await printed(h, d, reversed, at);
    expect(exitOf(d, reversed)).toBeUndefined();
    expect(await h.position(reversed)).toBe(5);
  });
});
