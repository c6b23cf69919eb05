/**
 * `strikeline report` against the simulator through the real CLI, adapter and SDK: figures equal to the
 * broker's account and positions to the cent, the day's closed trade with its realized P/L, protection in
 * place and the fill -> protection latency from the journal, the HTML page rendered in headless Chromium
 * (screenshot), the email and SMS received by a real SMTP server, no secret anywhere, and a closed-day run.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it, type TestContext } from 'vitest';
import { protectiveClientOrderId } from '../../../src/domain/ids/client-order-ids.ts';
import { cents, price, qty } from '../../../src/domain/money.ts';
import type { ReportData } from '../../../src/jobs/report/report-data.ts';
import { filesWithSecrets, placeOco, smsBody, startSmtpSink } from '../../support/ops.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  control,
  startTestSimulator,
  TEST_SECRET,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import { brokerFor, withStore, writeCsv } from './jobs-support.ts';
import { launchChromium } from '../../support/headless-chromium.ts';

async function sim(ctx: TestContext, options: { start?: string } = {}): Promise<TestSimulator> {
  const t = await startTestSimulator({
    notFractionable: ['MSFT'],
    ...(options.start === undefined ? {} : { start: options.start }),
  });
  ctx.onTestFinished(() => t.stop());
  return t;
}

const report = async (t: TestSimulator, args: string[], env: Record<string, string> = {}) =>
  runCli(['report', ...args], { ...t.env, ...env });

/** Entries by the real trader, an OCO on MSFT with the daemon's journal line, NVDA sold at a profit. */
async function tradingDay(
  t: TestSimulator,
): Promise<{ nvdaEntry: number; nvdaExit: number; nvdaQty: number }> {
  const c = control(t.sim);
  await c.clock({ to: '2024-05-01T13:35:00Z', quiet: true });
  writeCsv(t.root, [{ ticker: 'AAPL' }, { ticker: 'MSFT' }, { ticker: 'NVDA' }]);
  const traded = await runCli(['trade'], { ...t.env, TRADING_DISABLED: '' });
  expect(traded.code).toBe(0);
  const broker = brokerFor(t);
  const positions = await waitFor(
    async () => {
      const p = await broker.listPositions();
      return p.length === 3 ? p : undefined;
    },
    5000,
    'three positions',
  );
  const msft = positions.find((p) => p.symbol === 'MSFT')!;
  const nvda = positions.find((p) => p.symbol === 'NVDA')!;
  const stop = Math.floor(msft.avgEntryPrice * 0.95 * 100) / 100;
  const target = Math.ceil(msft.avgEntryPrice * 1.2 * 100) / 100;
  const oco = await placeOco(t, 'MSFT', msft.qty, target, stop);
  const clock = Date.parse((await c.state()).clock.timestamp);
  await withStore(t.root, (store) =>
    store.journal.append({
      ts: clock,
      actor: 'stream',
      action: 'protection_placed',
      reason: 'entry filled',
      symbol: 'MSFT',
      clientOrderId: oco.clientOrderId ?? 'sl-oco-MSFT',
      data: {
        entryOrderId: 'x',
        entryPrice: msft.avgEntryPrice,
        qty: msft.qty,
        stopPrice: stop,
        takeProfitPrice: target,
        latencySentMs: 3.2,
        latencyAckMs: 11.7,
      },
    }),
  );
  await c.clock({ to: '2024-05-01T19:50:00Z', quiet: true });
  await c.trade({
    symbol: 'NVDA',
    price: Math.round(nvda.avgEntryPrice * 1.03 * 100) / 100,
    size: 100,
  });
  await c.trade({ symbol: 'AAPL', price: 150, size: 100 });
  const sold = await broker.closePosition('NVDA');
  const filled = await waitFor(
    async () => {
      const o = await broker.getOrder(sold.id);
      return o.status === 'filled' ? o : undefined;
    },
    5000,
    'the NVDA sale',
  );
  return {
    nvdaEntry: nvda.avgEntryPrice,
    nvdaExit: filled.filledAvgPrice ?? 0,
    nvdaQty: filled.filledQty,
  };
}

describe.concurrent('strikeline report', { timeout: 90_000 }, () => {
  it('agrees with the broker to the cent, renders in Chromium, and arrives by email and SMS', async (ctx) => {
    const t = await sim(ctx);
    const nvda = await tradingDay(t);
    const smtp = await startSmtpSink();
    ctx.onTestFinished(() => smtp.close());

    const result = await report(t, ['--json', '--email'], smtp.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout) as ReportData & { html: string };
    const broker = brokerFor(t);
    const [account, positions] = await Promise.all([broker.getAccount(), broker.listPositions()]);

    expect(r.day).toBe('2024-05-01');
    expect(r.account).toEqual({
      equity: cents(account.equity),
      cash: cents(account.cash),
      lastEquity: cents(account.lastEquity),
      buyingPower: cents(account.buyingPower),
      longMarketValue: cents(account.longMarketValue),
      dayPl: cents(account.equity - account.lastEquity),
      dayPlPct: (account.equity - account.lastEquity) / account.lastEquity,
    });
    expect(
      r.positions.map((p) => [
        p.symbol,
        p.qty,
        p.avgEntryPrice,
        p.currentPrice,
        p.marketValue,
        p.unrealizedPl,
      ]),
    ).toEqual(
      positions
        .sort((a, b) => a.symbol.localeCompare(b.symbol))
        .map((p) => [
          p.symbol,
          p.qty,
          p.avgEntryPrice,
          p.currentPrice,
          cents(p.marketValue),
          cents(p.unrealizedPl),
        ]),
    );
    expect(r.totals.unrealizedPl).toBe(cents(positions.reduce((s, p) => s + p.unrealizedPl, 0)));
    const aapl = r.positions.find((p) => p.symbol === 'AAPL')!;
    const msft = r.positions.find((p) => p.symbol === 'MSFT')!;
    expect(aapl).toMatchObject({
      strategy: 'mean_reversion',
      protection: { state: 'UNPROTECTED', protectedQty: 0 },
    });
    expect(msft.protection).toMatchObject({
      state: 'protected',
      protectedQty: msft.qty,
      orders: 1,
    });
    expect(msft.protection.stopPrice).toBeLessThan(msft.avgEntryPrice);
    expect(msft.ageDays).toBeGreaterThan(0.25);
    expect(msft.openedAt?.startsWith('2024-05-01T09:35')).toBe(true);

    expect(r.closedTrades).toHaveLength(1);
    expect(r.closedTrades[0]).toMatchObject({
      symbol: 'NVDA',
      strategy: 'mean_reversion',
      qty: nvda.nvdaQty,
      entryPrice: nvda.nvdaEntry,
      exitPrice: nvda.nvdaExit,
      realizedPl: cents((nvda.nvdaExit - nvda.nvdaEntry) * nvda.nvdaQty),
    });
    // Sold by hand through the API (no daemon order, no halt): the report says so, with its times.
    expect(r.closedTrades[0]).toMatchObject({ exitReason: 'manual', legs: 1, partial: false });
    expect(r.closedTrades[0]!.entryAt?.startsWith('2024-05-01T09:35')).toBe(true);
    expect(r.closedTrades[0]!.filledAt.startsWith('2024-05-01T15:50')).toBe(true);
    expect(r.closedTrades[0]!.holdingMs).toBeGreaterThan(6 * 3_600_000);
    expect(r.intradayCurve.length).toBeGreaterThanOrEqual(2);
    expect(r.closedTrades[0]!.realizedPl).toBeGreaterThan(0);
    expect(r.closedTrades[0]!.netPl).toBeLessThan(r.closedTrades[0]!.realizedPl!);
    expect(r.realizedPl).toBe(r.closedTrades[0]!.realizedPl);
    expect(r.protections).toEqual([
      expect.objectContaining({ symbol: 'MSFT', latencySentMs: 3.2, latencyAckMs: 11.7 }),
    ]);
    expect(r.metrics.trades.overall).toMatchObject({ trades: 1, winRate: 1 });
    expect(r.equityCurve.map((p) => p.date)).toEqual(['2024-04-30', '2024-05-01']);
    expect(r.equityCurve[1]?.equity).toBe(account.equity);
    expect(r.metrics.equity.maxDrawdown).toBeGreaterThanOrEqual(0);

    // Email (HTML + text) and the SMS-sized summary, at a real SMTP server.
    await waitFor(() => smtp.mails.length >= 2, 5000, 'two mails');
    const email = smtp.mails.find((m) => m.to.includes('ops@example.com'))!;
    const sms = smtp.mails.find((m) => m.to.includes('5551234567@vtext.com'))!;
    expect(email.raw).toMatch(
      /Subject: \[strikeline\] Daily report 2024-05-01: equity \$[\d,]+\.\d\d/,
    );
    expect(email.raw).toContain('text/html');
    expect(email.raw).toContain('closed today: 1');
    // The daily digest's why-no-trade section (issue 14): the day's trade funnel, in the text and the HTML.
    expect(email.raw).toContain('Why no trade');
    // Quoted-printable folds long lines wherever it likes (`=` at the end of a line): unfold before reading.
    expect(email.raw.replace(/=\r?\n/g, '')).toMatch(
      /funnel: raw 3 -> regime 3 -> correlation 3 -> risk 3 -> executed 3/,
    );
    expect(r.whyNoTrade).toMatchObject({
      runs: 1,
      pending: [],
      run: { funnel: { raw: 3, executed: 3 }, rejections: [] },
    });
    const text = smsBody(sms);
    expect(text.startsWith('strikeline 2024-05-01: eq $')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(160);

    // The HTML page, opened by headless Chromium with the network off; a screenshot proves it renders.
    const html = readFileSync(r.html, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(`file://${r.html}`);
      expect(await page.title()).toBe('strikeline report 2024-05-01');
      // Today's intraday curve and the two-day daily curve, each on a percent axis with its drawdown panel.
      expect(await page.locator('svg polyline').count()).toBe(2);
      expect(await page.locator('svg polygon').count()).toBe(2);
      expect(await page.locator('table').first().textContent()).toContain('MSFT');
      const shot = join(t.root, 'reports', 'report_2024-05-01.png');
      mkdirSync(join(t.root, 'reports'), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      if (process.env.KEEP_REPORT_SCREENSHOT)
        mkdirSync(process.env.KEEP_REPORT_SCREENSHOT, { recursive: true });
      if (process.env.KEEP_REPORT_SCREENSHOT)
        await page.screenshot({
          path: join(process.env.KEEP_REPORT_SCREENSHOT, 'report.png'),
          fullPage: true,
        });
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);

      // A 390 px phone: nothing wider than the screen (wide tables scroll inside their own box).
      const phone = await browser.newPage({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
      });
      await phone.goto(`file://${r.html}`);
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const phoneShot = join(t.root, 'reports', 'report_2024-05-01_390px.png');
      await phone.screenshot({ path: phoneShot, fullPage: true });
      expect(statSync(phoneShot).size).toBeGreaterThan(10_000);
      if (process.env.KEEP_REPORT_SCREENSHOT)
        await phone.screenshot({
          path: join(process.env.KEEP_REPORT_SCREENSHOT, 'report-phone.png'),
          fullPage: true,
        });
    } finally {
      await browser.close();
    }
    expect(
      filesWithSecrets(join(t.root, 'reports'), [TEST_SECRET, t.env.ALPACA_API_KEY ?? '']),
    ).toEqual([]);
    expect(result.stdout).not.toContain(TEST_SECRET);
  });

  it('names the exit: the OCO stop leg that filled, and the halt that liquidated', async (ctx) => {
    const t = await sim(ctx);
    const c = control(t.sim);
    await c.clock({ to: '2024-05-01T13:35:00Z', quiet: true });
    const broker = brokerFor(t);
    await broker.submitOrder({
      kind: 'SubmitOrder',
      symbol: 'MSFT',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(10),
      clientOrderId: 'by-hand-msft',
      reason: 'test',
    });
    await broker.submitOrder({
      kind: 'SubmitOrder',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: qty(5),
      clientOrderId: 'by-hand-aapl',
      reason: 'test',
    });
    const msft = await waitFor(
      async () => (await broker.listPositions()).find((p) => p.symbol === 'MSFT'),
      5000,
      'MSFT held',
    );
    await waitFor(
      async () => (await broker.listPositions()).some((p) => p.symbol === 'AAPL'),
      5000,
      'AAPL held',
    );
    const stop = Math.floor(msft.avgEntryPrice * 0.95 * 100) / 100;
    // The OCO as the daemon places it: its client id names it (sl-oco-...).
    await broker.submitOrder({
      kind: 'SubmitOrder',
      symbol: 'MSFT',
      side: 'sell',
      type: 'limit',
      timeInForce: 'gtc',
      qty: qty(10),
      orderClass: 'oco',
      clientOrderId: protectiveClientOrderId({
        role: 'oco',
        symbol: 'MSFT',
        anchor: 'by-hand-msft',
        qty: 10,
        n: 0,
      }),
      takeProfit: { limitPrice: price(Math.ceil(msft.avgEntryPrice * 1.2 * 100) / 100) },
      stopLoss: { stopPrice: price(stop) },
      reason: 'test',
    });
    await c.clock({ to: '2024-05-01T15:00:00Z', quiet: true });
    await c.trade({ symbol: 'MSFT', price: Math.round(stop * 0.99 * 100) / 100, size: 100 });
    await waitFor(
      async () => (await broker.listPositions()).every((p) => p.symbol !== 'MSFT'),
      5000,
      'MSFT stopped out',
    );
    expect((await runCli(['halt', '--reason', 'test'], t.env)).code).toBe(0);
    await waitFor(
      async () => (await broker.listPositions()).length === 0 || undefined,
      5000,
      'AAPL liquidated',
    );

    const result = await report(t, ['--json']);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout) as ReportData;
    const bySymbol = Object.fromEntries(r.closedTrades.map((x) => [x.symbol, x]));
    expect(bySymbol.MSFT).toMatchObject({ exitReason: 'stop', qty: 10, legs: 1 });
    expect(bySymbol.MSFT!.holdingMs).toBeGreaterThan(80 * 60_000);
    expect(bySymbol.AAPL).toMatchObject({ exitReason: 'halt', qty: 5 });
    const text = await report(t, []);
    expect(text.stdout).toMatch(/MSFT .* stop /);
    expect(text.stdout).toMatch(/AAPL .* halt \(/);
  });

  it('still reports on a closed day, without adding an equity point', async (ctx) => {
    const t = await sim(ctx, { start: '2024-05-04T20:05:00Z' });
    const result = await report(t, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('strikeline report 2024-05-04 (market closed today)');
    expect(result.stdout).toMatch(/equity \$100,000\.00 {3}cash \$100,000\.00/);
    expect(result.stdout).toContain(
      `HTML report: ${join(t.root, 'reports', 'report_2024-05-04.html')}`,
    );
    await withStore(t.root, (store) => {
      expect(
        store
          .table('equity')
          .entries()
          .map(([k]) => k),
      ).toEqual(['2024-05-03']);
    });
  });

  it('--email exits 1 when it cannot mail (no SMTP; a recipient refused), the report still printed and written', async (ctx) => {
    const t = await sim(ctx, { start: '2024-05-04T20:05:00Z' });
    const html = join(t.root, 'reports', 'report_2024-05-04.html');
    const unset = await report(t, ['--email'], {
      SMTP_HOST: '',
      ALERT_EMAIL_TO: 'ops@example.com',
    });
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain(`HTML report: ${html}`);
    expect(unset.stderr.trim().split('\n').at(-1)).toBe(
      'strikeline: --email: not sent: SMTP_HOST is not set: set SMTP_HOST and ALERT_EMAIL_TO (or SMTP_TO_SMS) in .env',
    );
    // A real SMTP server that takes the email and refuses the SMS gateway's address.
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onRcptTo(address, _session, callback) {
        if (address.address.endsWith('@vtext.com'))
          callback(new Error('550 5.1.1 mailbox unavailable'));
        else callback();
      },
      onData(stream, session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ctx.onTestFinished(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        }),
    );
    const port = (server.server.address() as AddressInfo).port;
    const refused = await report(t, ['--email'], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      ALERT_EMAIL_TO: 'ops@example.com',
      SMTP_TO_SMS: '5551234567@vtext.com',
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`HTML report: ${html}`);
    expect(refused.stdout).not.toContain('emailed to');
    expect(received).toEqual(['ops@example.com']);
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^strikeline: --email: could not send the sms to 5551234567@vtext\.com \(.*mailbox unavailable.*\); sent to ops@example\.com: check SMTP_HOST, SMTP_PORT, SMTP_USER and SMTP_PASS \(strikeline doctor checks them\)$/,
    );
    expect(existsSync(html)).toBe(true);
  });
});
