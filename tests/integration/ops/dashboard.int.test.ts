/**
 * `strikeline dashboard` with a daemon running on the simulator, driven by headless Chromium: every panel shows
 * real data (health, errors, the position with its protective OCO, the day's fill with its fill -> protection
 * latency, the equity charts, the risk state, breakers and regime), no console error, a new fill appears without a
 * reload, `/api/health` answers 200 while the daemon protects and 503 once it is gone, and off loopback the
 * token is required. A screenshot is saved (KEEP_DASHBOARD_SCREENSHOT=dir keeps a copy).
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSnapshot } from '../../../src/jobs/dashboard/collect-dashboard.ts';
import { spawnDaemon, type DaemonProcess } from '../../support/daemon-process.ts';
import { launchChromium } from '../../support/headless-chromium.ts';
import { openPositions } from '../../support/ops.ts';
import {
  control,
  sdkFor,
  startTestSimulator,
  TEST_SECRET,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import { spawnDashboard, type DashboardProcess } from '../../support/dashboard-process.ts';
import { plantedMarket } from '../../support/planted-market.ts';
import { runCli } from '../../support/run-cli.ts';
import type { RiskView } from '../../../src/domain/rules/risk/risk-view.ts';
import { researchPaths } from '../../../src/scanner/research/io/research-paths.ts';
import {
  writeRegimeModel,
  type RegimeModelFile,
} from '../../../src/scanner/research/regime/regime-model-file.ts';
import { trainRegime } from '../../../src/scanner/research/regime/train-regime.ts';
import { STATIC_SECTORS } from '../../../src/scanner/strategies/sectors.ts';

const TOKEN = 'dashboard-token-0123456789';
let t: TestSimulator;
let daemon: DaemonProcess;
let regime: RegimeModelFile;
const dashboards: DashboardProcess[] = [];

function dashboard(args: string[], env: Record<string, string> = {}): DashboardProcess {
  const d = spawnDashboard(['--port', '0', ...args], { ...t.env, ...env });
  dashboards.push(d);
  return d;
}

const health = async (url: string): Promise<number> => (await fetch(`${url}api/health`)).status;

beforeAll(async () => {
  t = await startTestSimulator();
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
  daemon = spawnDaemon(t.env);
  await daemon.ready();
  await openPositions(t, { AAPL: 10 });
  // A regime model as `strikeline research` trains it (on a planted market: the simulator's history is short).
  regime = trainRegime(
    plantedMarket({ seed: 9, symbols: 1, sessions: 900 }),
    {
      vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
      marketSymbol: 'SPY',
      sectors: STATIC_SECTORS,
      fundamentals: null,
    },
    { states: 3, iterations: 50, trainYears: 10 },
  );
  writeRegimeModel(researchPaths(join(t.root, 'data')).regimeModel, regime);
}, 120_000);

afterAll(async () => {
  for (const d of dashboards) if (d.proc.exitCode === null) d.proc.kill('SIGTERM');
  if (daemon.proc.exitCode === null) daemon.proc.kill('SIGTERM');
  await Promise.all([...dashboards.map((d) => d.exit()), daemon.exit()]);
  await t.stop();
}, 120_000);

describe('strikeline dashboard', { timeout: 240_000 }, () => {
  it('shows every panel with real data, live after a fill, with no console error', async () => {
    const d = dashboard([]);
    const url = await d.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await waitFor(async () => (await health(url)) === 200, 60_000, 'the daemon healthy');
    await waitFor(
      async () => {
        const s = (await (await fetch(`${url}api/snapshot`)).json()) as DashboardSnapshot;
        return s.status.positions.find((p) => p.symbol === 'AAPL')?.coverage.state === 'protected';
      },
      60_000,
      'AAPL protected',
    );

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(url);
      const panel = (name: string) => page.locator(`[data-panel="${name}"]`);
      await waitFor(
        async () => {
          if (problems.length > 0) throw new Error(`page errors: ${problems.join(' | ')}`);
          return (await page.evaluate('window.__snapshots ?? 0')) !== 0;
        },
        30_000,
        'the first snapshot rendered',
      );
      await expect
        .poll(() => page.locator('#mode').textContent(), { timeout: 30_000 })
        .toBe('normal');
      expect(await panel('health').textContent()).toContain('yes, pid');
      expect(await panel('health').locator('[data-level="critical"]').textContent()).toContain(
        'critical',
      );
      expect(await panel('health').textContent()).toContain('trading up, market up');
      // Risk: the state and breakers as `strikeline risk --json` reads them, and the research regime.
      const risk = JSON.parse((await runCli(['risk', '--json'], t.env)).stdout) as RiskView;
      await expect
        .poll(() => panel('risk').locator('[data-risk="state"]').textContent(), { timeout: 30_000 })
        .toContain(risk.state);
      expect(await panel('risk').locator('[data-breaker]').count()).toBe(risk.breakers.length);
      expect(risk.breakers.length).toBeGreaterThan(0);
      for (const b of risk.breakers.slice(0, 3))
        expect(
          await panel('risk').locator(`[data-breaker="${b.name}"]`).first().textContent(),
        ).toContain(b.name);
      expect(await panel('risk').locator('[data-risk="regime"]').textContent()).toContain(
        `${regime.current.label} (`,
      );
      expect(await panel('risk').locator('[data-risk="regime"]').textContent()).toContain(
        regime.current.date,
      );
      expect(await panel('risk').textContent()).toMatch(/equity\$[\d,]+\.\d\d/);
      // Signal to order: today's trade run through the pipeline as the report's "Why no trade" reads it (none here).
      const snap = (await (await fetch(`${url}api/snapshot`)).json()) as DashboardSnapshot;
      expect(snap.funnel.run).toBeNull();
      expect(await panel('funnel').locator('[data-funnel="none"]').textContent()).toBe(
        'no trade run today',
      );
      expect(await panel('funnel').locator('pre').textContent()).toBe(
        snap.funnel.lines.filter((l) => l !== 'no trade run today').join('\n'),
      );
      expect(snap.funnel.lines).toContain('pending signals: none');
      // Heat as the trade pipeline measures it (long market value over the equity traded with), from the snapshot.
      expect(snap.heat?.exposure).toBe(snap.account?.longMarketValue);
      expect(snap.heat?.pct).toBeCloseTo(
        (100 * (snap.account?.longMarketValue ?? 0)) / (snap.account?.equity ?? 1),
        9,
      );
      expect(snap.heat?.pct).toBeGreaterThan(0);
      const held = snap.status.positions.reduce((sum, p) => sum + Math.abs(p.qty * p.last), 0);
      const heatText = (await panel('funnel').locator('[data-funnel="heat"]').textContent()) ?? '';
      expect(heatText).toMatch(/^heat now \d+\.\d % of equity$/);
      // From the page's own snapshot: the same positions, prices that may have moved a cent since.
      expect(Number(/(\d+\.\d) %/.exec(heatText)?.[1])).toBeCloseTo(
        (100 * held) / (snap.account?.equity ?? 1),
        0,
      );
      const aapl = panel('positions').locator('tr', { hasText: 'AAPL' });
      expect(await aapl.textContent()).toContain('protected');
      expect(await aapl.textContent()).toMatch(/oco 10 sh stop \d+\.\d\d target \d+\.\d\d/);
      const order = panel('orders').locator('tr', { hasText: 'AAPL' }).first();
      expect(await order.textContent()).toContain('filled');
      expect(await order.textContent()).toMatch(/oco: [\d.]+ ms \/ [\d.]+ ms/);
      expect(await panel('equity-intraday').locator('canvas').count()).toBe(1);
      expect(await panel('equity-daily').locator('canvas').count()).toBe(1);
      expect(await panel('equity-intraday').textContent()).toContain('%');

      // A fill, then the page changes by itself: no reload.
      const loads = await page.evaluate("performance.getEntriesByType('navigation').length");
      const tsFill = Date.now();
      await control(t.sim).trade({ symbol: 'MSFT', price: 100, size: 1_000 });
      await sdkFor(t.sim).alpaca.trading.orders.market({ symbol: 'MSFT', qty: 5, side: 'buy' });
      await panel('positions').locator('tr', { hasText: 'MSFT' }).waitFor({ timeout: 60_000 });
      console.log(
        `dashboard: MSFT fill visible after ${String(Date.now() - tsFill)} ms (includes the order's round trip)`,
      );
      await expect
        .poll(() => panel('positions').locator('tr', { hasText: 'MSFT' }).textContent(), {
          timeout: 60_000,
        })
        .toContain('protected');
      expect(await page.evaluate("performance.getEntriesByType('navigation').length")).toBe(loads);

      const shot = join(t.root, 'reports', 'dashboard.png');
      mkdirSync(join(t.root, 'reports'), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(20_000);
      const keep = process.env.KEEP_DASHBOARD_SCREENSHOT;
      if (keep !== undefined && keep !== '') {
        mkdirSync(keep, { recursive: true });
        copyFileSync(shot, join(keep, 'dashboard.png'));
      }
      const html = await page.content();
      expect(html).not.toContain(TEST_SECRET);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('requires the token off loopback, and refuses to start without one', async () => {
    const refused = dashboard(['--host', '0.0.0.0']);
    expect(await refused.exit()).toBe(2);
    expect(refused.stderr.join('\n')).toContain('set DASHBOARD_TOKEN');

    const d = dashboard(['--host', '0.0.0.0'], { DASHBOARD_TOKEN: TOKEN });
    const port = new URL(await d.url()).port;
    const base = `http://127.0.0.1:${port}/`;
    expect((await fetch(`${base}api/snapshot`)).status).toBe(401);
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(`${base}api/health?token=wrong-token-0123456789`)).status).toBe(401);
    const ok = await fetch(`${base}api/snapshot`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).not.toContain(TOKEN);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}?token=${TOKEN}`);
      await expect
        .poll(() => page.locator('[data-panel="positions"]').textContent(), { timeout: 30_000 })
        .toContain('AAPL');
    } finally {
      await browser.close();
    }
  });

  it('answers /api/health 503 once the daemon no longer protects', async () => {
    const d = dashboard([]);
    const url = await d.url();
    await waitFor(async () => (await health(url)) === 200, 60_000, 'the daemon healthy');
    daemon.proc.kill('SIGTERM');
    expect(await daemon.exit()).toBe(0);
    expect(await health(url)).toBe(503);
    const body = (await (await fetch(`${url}api/health`)).json()) as { ok: boolean; state: string };
    expect(body).toMatchObject({ ok: false, state: 'not running' });
  });
});
