/**
 * The risk authority live in the daemon, against the simulator (official SDK, real sockets, LMDB, a real SMTP
 * server): prices printed with POST /sim/trade move live equity past the daily-loss and rapid-loss limits and the
 * daemon halts entries (journal, event, mail) while protection keeps running; the state survives a restart without
 * tripping again; stop-loss fills of a strategy's entries close losing trades and pause that strategy, or, past
 * strategy_loss_pct of its allocation, disable it for a day (and `trade` then stops its signals).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../../src/adapters/mail/mailer.ts';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { silentLogger } from '../../../src/domain/silent-logger.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../../src/records/intent-record.ts';
import { readLedger, readRiskBook } from '../../../src/records/risk-state.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import type { RiskChanged } from '../../../src/streams/risk/risk-stream.ts';
import { tradeInProcess, writeConfig, writeCsv } from '../jobs/jobs-support.ts';
import { startSmtpSink } from '../../support/ops.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

const riskChanges = (events: DaemonOutput[]): RiskChanged[] =>
  events.filter((e): e is RiskChanged => e.kind === 'RiskChanged');
const tripped = (d: Daemon, name: string) =>
  riskChanges(d.events).find((e) => e.tripped.some((t) => t.name === name));
const protectedNow = (d: Daemon, symbol: string) =>
  d.events.some((e) => e.kind === 'ProtectionPlaced' && e.symbol === symbol);

describe('the risk authority in the daemon', { timeout: 90_000 }, () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('halts entries on live equity past daily_loss_pct and rapid_loss_pct: journal, event, mail; the state survives a restart', async () => {
    h = await startHarness();
    const smtp = await startSmtpSink();
    try {
      const mailer = createMailer(
        {
          host: '127.0.0.1',
          port: smtp.port,
          user: undefined,
          pass: undefined,
          emailTo: 'ops@example.com',
          smsTo: undefined,
          email: true,
          sms: false,
          smsMaxChars: 160,
          ignoreTls: true,
          scrub: makeScrubber([]),
        },
        silentLogger,
      );
      await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
      // Polls every 2 s: a trip measured on the live estimate is confirmed by the next account poll before the restart.
      const d = h.startDaemon({}, { mailer, config: { protection: { audit_interval_ms: 2_000 } } });
      await d.ready();
      await h.buy('AAPL', 600);
      await waitFor(() => protectedNow(d, 'AAPL'), 10_000, 'the AAPL protection');
      // A poll at $100 first: the rapid-loss window needs a reading from before the drop (a daemon that starts after
      // a drop cannot know the equity it had before; on a loaded box the first poll can come late).
      const polls = () => d.emitted.filter((e) => e.type === 'RECONCILIATION_CHECK').length;
      const before = polls();
      await waitFor(() => polls() > before, 15_000, 'an account poll at $100');
      // 600 shares $4 lower: 2.4% of $100,000, within minutes; the stop at $95 is not reached.
      await h.ctl.trade({ symbol: 'AAPL', price: 96, size: 100 });
      const change = await waitFor(() => tripped(d, 'daily_loss'), 15_000, 'the daily-loss trip');
      expect(change.state).toBe('HALTED');
      expect(change.tripped.map((t) => t.name).sort()).toEqual(['daily_loss', 'rapid_loss']);
      expect(
        d.emitted
          .filter((e) => e.type === 'RISK_LIMIT_HIT')
          .map((e) => e.fields.breaker)
          .sort(),
      ).toEqual(['daily_loss', 'rapid_loss']);
      expect(
        d.store.journal
          .list()
          .filter((j) => j.action === 'breaker_tripped' && j.actor === 'daemon')
          .map((j) => j.reason),
      ).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^equity 2\.\d\d% below the last close \(limit 2%\): halted for the rest of the session$/,
          ),
        ]),
      );
      await waitFor(
        () => smtp.mails.some((m) => m.raw.includes('TRADING HALTED: daily_loss breaker')),
        10_000,
        'the mail',
      );
      // Protection kept running: the OCO is still there.
      expect((await h.openOrders('AAPL')).length).toBe(1);
      // The ledger followed the fill: the reconciliation passes.
      expect(
        d.emitted
          .filter((e) => e.type === 'RECONCILIATION_CHECK' && e.fields.status !== undefined)
          .map((e) => e.fields.status),
      ).not.toContain('FAIL');
      expect(readLedger(d.store)?.lots.AAPL?.qty).toBe(600);
      const polled = d.emitted.filter((e) => e.type === 'RECONCILIATION_CHECK').length;
      await waitFor(
        () => d.emitted.filter((e) => e.type === 'RECONCILIATION_CHECK').length > polled + 1,
        15_000,
        'an account poll after the trip',
      );
      expect(
        readRiskBook(d.store, '2024-05-01')
          .trips.map((t) => t.name)
          .sort(),
      ).toEqual(['daily_loss', 'rapid_loss']);
      await d.stop();

      const again = h.startDaemon({}, { mailer });
      await again.ready();
      await waitFor(
        () =>
          again.emitted.some(
            (e) => e.type === 'RECONCILIATION_CHECK' && e.fields.status === 'PASS',
          ),
        10_000,
        'an evaluation after the restart',
      );
      expect(riskChanges(again.events)).toEqual([]);
      const trips = readRiskBook(again.store, '2024-05-01')
        .trips.map((t) => t.name)
        .sort();
      expect(trips).toEqual(['daily_loss', 'rapid_loss']);
    } finally {
      await smtp.close();
    }
  });

  it('stop-loss fills close losing trades of a strategy: consecutive_losses in a row pause it for consecutive_losses_pause_hours', async () => {
    h = await startHarness();
    const d = h.startDaemon(
      {},
      {
        config: { circuit_breakers: { consecutive_losses: 2, consecutive_losses_pause_hours: 3 } },
      },
    );
    await d.ready();
    const intents = d.store.table<IntentRecord>(INTENTS_TABLE);
    for (const symbol of ['AAPL', 'MSFT']) {
      const clientOrderId = `sl-entry-risk-${symbol}`;
      await intents.put(clientOrderId, {
        clientOrderId,
        day: '2024-05-01',
        symbol,
        strategy: 'mean_reversion',
        side: 'buy',
        notional: null,
        qty: 10,
        allocation: 1_000,
        price: 100,
        status: 'submitted',
        brokerOrderId: null,
        brokerStatus: null,
        reason: 'test',
        fallbackClientOrderId: null,
        tsCreated: 0,
        tsUpdated: 0,
      });
      await h.ctl.trade({ symbol, price: 100, size: 1_000 });
      await h.buy(symbol, 10, clientOrderId);
      await waitFor(() => protectedNow(d, symbol), 10_000, `the ${symbol} protection`);
      expect(tripped(d, 'consecutive_losses')).toBeUndefined();
      await h.ctl.trade({ symbol, price: 94, size: 100 });
      await waitFor(
        async () => (await h?.position(symbol)) === 0,
        10_000,
        `the ${symbol} stop-out`,
      );
    }
    const change = await waitFor(() => tripped(d, 'consecutive_losses'), 15_000, 'the pause');
    const trip = change.tripped.find((t) => t.name === 'consecutive_losses');
    expect(trip).toMatchObject({ scope: 'mean_reversion', action: 'pause' });
    expect((trip?.tsExpires ?? 0) - (trip?.tsTriggered ?? 0)).toBe(3 * 3_600_000);
    expect(d.emitted.find((e) => e.type === 'STRATEGY_DISABLED')?.fields).toMatchObject({
      breaker: 'consecutive_losses',
      scope: 'mean_reversion',
    });
    expect(
      readRiskBook(d.store, '2024-05-01').closedTrades.map((t) => [
        t.strategy,
        t.symbol,
        t.pnl < 0,
      ]),
    ).toEqual([
      ['mean_reversion', 'AAPL', true],
      ['mean_reversion', 'MSFT', true],
    ]);
  });

  it("stop-loss fills past strategy_loss_pct of a strategy's allocation disable it for strategy_loss_disable_hours; trade stops its signals", async () => {
    h = await startHarness();
    // gap_fill holds 10% of the $100,000 account: $10,000, of which 5% ($500) may be lost in a day.
    const d = h.startDaemon();
    await d.ready();
    const intents = d.store.table<IntentRecord>(INTENTS_TABLE);
    for (const symbol of ['AAPL', 'MSFT']) {
      const clientOrderId = `sl-entry-loss-${symbol}`;
      await intents.put(clientOrderId, {
        clientOrderId,
        day: '2024-05-01',
        symbol,
        strategy: 'gap_fill',
        side: 'buy',
        notional: null,
        qty: 60,
        allocation: 6_000,
        price: 100,
        status: 'submitted',
        brokerOrderId: null,
        brokerStatus: null,
        reason: 'test',
        fallbackClientOrderId: null,
        tsCreated: 0,
        tsUpdated: 0,
      });
      await h.ctl.trade({ symbol, price: 100, size: 1_000 });
      await h.buy(symbol, 60, clientOrderId);
      await waitFor(() => protectedNow(d, symbol), 10_000, `the ${symbol} protection`);
      // The first stop-out (60 shares, $5-6 each: about $330) is within the limit; the second is past it.
      expect(tripped(d, 'strategy_loss')).toBeUndefined();
      await h.ctl.trade({ symbol, price: 94, size: 100 });
      await waitFor(
        async () => (await h?.position(symbol)) === 0,
        10_000,
        `the ${symbol} stop-out`,
      );
      await waitFor(
        () => readRiskBook(d.store, '2024-05-01').closedTrades.some((t) => t.symbol === symbol),
        10_000,
        `the ${symbol} trade closed`,
      );
    }
    const change = await waitFor(
      () => tripped(d, 'strategy_loss'),
      15_000,
      'the strategy disabled',
    );
    const trip = change.tripped.find((t) => t.name === 'strategy_loss');
    expect(trip).toMatchObject({ scope: 'gap_fill', action: 'disable' });
    expect(trip?.reason).toMatch(
      /^gap_fill: lost \d+\.\d\d% of its allocation \$\d+\.\d\d today \(limit 5%\): disabled 24 hours$/,
    );
    expect(trip?.value).toBeGreaterThanOrEqual(0.05);
    expect(d.emitted.find((e) => e.type === 'STRATEGY_DISABLED')?.fields).toMatchObject({
      breaker: 'strategy_loss',
      scope: 'gap_fill',
      action: 'disable',
    });
    expect(
      d.store.journal.list().find((j) => j.action === 'breaker_tripped' && j.actor === 'daemon'),
    ).toMatchObject({ reason: trip?.reason });
    expect(d.alerts.map((a) => a.subject)).toContain(
      'STRATEGY gap_fill DISABLED: strategy_loss breaker',
    );
    const persisted = readRiskBook(d.store, '2024-05-01').trips.find(
      (t) => t.name === 'strategy_loss',
    );
    expect((persisted?.tsExpires ?? 0) - (persisted?.tsTriggered ?? 0)).toBe(24 * 3_600_000);
    expect(tripped(d, 'consecutive_losses')).toBeUndefined();
    await d.stop();

    // `trade` reads the same state: gap_fill's signal is stopped by the breaker, mean_reversion's is not.
    await h.ctl.clock({ to: '2024-05-01T13:35:00Z', quiet: true });
    await h.ctl.trade({ symbol: 'VIXY', price: 20 });
    writeConfig(h.t.root, '');
    writeCsv(h.t.root, [
      { ticker: 'NVDA', strategy: 'gap_fill' },
      { ticker: 'AMZN', strategy: 'mean_reversion' },
    ]);
    const r = await tradeInProcess(h.t, { dryRun: true });
    if (r.result.kind !== 'done')
      throw new Error(`expected a plan, got ${r.result.kind}: ${r.result.message}`);
    const reasonOf = (ticker: string): string => {
      const i =
        r.result.kind === 'done'
          ? r.result.items.find((x) => x.signal.ticker === ticker)
          : undefined;
      return i !== undefined && 'reason' in i ? i.reason : '';
    };
    expect(reasonOf('NVDA')).toBe(`stopped by strategy_loss: ${trip?.reason ?? ''}`);
    expect(reasonOf('AMZN')).not.toMatch(/strategy_loss/);
  });

  it('measures a strategy allocation of the capital trade sizes with: TRADING_CAPITAL caps it', async () => {
    h = await startHarness();
    // TRADING_CAPITAL $20,000 of the $100,000 account: gap_fill's 10% is $2,000, of which 5% ($100) may be lost in a
    // day, so one stop-out of about $330 is past it (against the whole account's $10,000 it would not be).
    const d = h.startDaemon({}, { options: { tradingCapital: 20_000 } });
    await d.ready();
    const clientOrderId = 'sl-entry-capped-AAPL';
    await d.store.table<IntentRecord>(INTENTS_TABLE).put(clientOrderId, {
      clientOrderId,
      day: '2024-05-01',
      symbol: 'AAPL',
      strategy: 'gap_fill',
      side: 'buy',
      notional: null,
      qty: 60,
      allocation: 6_000,
      price: 100,
      status: 'submitted',
      brokerOrderId: null,
      brokerStatus: null,
      reason: 'test',
      fallbackClientOrderId: null,
      tsCreated: 0,
      tsUpdated: 0,
    });
    await h.ctl.trade({ symbol: 'AAPL', price: 100, size: 1_000 });
    await h.buy('AAPL', 60, clientOrderId);
    await waitFor(() => protectedNow(d, 'AAPL'), 10_000, 'the AAPL protection');
    await h.ctl.trade({ symbol: 'AAPL', price: 94, size: 100 });
    const change = await waitFor(
      () => tripped(d, 'strategy_loss'),
      15_000,
      'the strategy disabled after one stop-out',
    );
    const trip = change.tripped.find((t) => t.name === 'strategy_loss');
    expect(trip?.reason).toMatch(/^gap_fill: lost \d+\.\d\d% of its allocation \$2000\.00 today/);
    expect(readRiskBook(d.store, '2024-05-01').closedTrades).toHaveLength(1);
  });
});
