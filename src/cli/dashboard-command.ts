/** @module `strikeline dashboard`: the read-only System Health web page and JSON API, until SIGINT/SIGTERM. */
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import { isProcessAlive } from '../adapters/lock/process-alive.ts';
import { probeRootLock } from '../adapters/lock/root-lock.ts';
import { collectDashboard } from '../jobs/dashboard/collect-dashboard.ts';
import { currentHealth } from '../jobs/dashboard/current-health.ts';
import { dashboardApp } from '../jobs/dashboard/dashboard-app.ts';
import { createDashboardFeed } from '../jobs/dashboard/dashboard-feed.ts';
import { localChanges } from '../jobs/dashboard/local-changes.ts';
import { pageAssets } from '../jobs/dashboard/page-assets.ts';
import { staleAfterMs } from '../jobs/ops/status.ts';
import { capitalLimit } from '../config/capital-limit.ts';
import { riskLimitsOf } from '../config/risk-limits.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext, type Context } from './context.ts';
import { UsageError } from './errors.ts';
import { checkoutDir } from './strikeline-bin.ts';

/** Local state is looked at this often: a fill reaches the page within about this long. */
const POLL_MS = 250;
/** The broker is asked again at least this often (seed 001: System Health refreshed every 30 s). */
const REFRESH_MS = 30_000;
const ERROR_WINDOW_MS = 86_400_000;
const MIN_TOKEN_LENGTH = 16;

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0..65535 (got ${JSON.stringify(raw)})`);
  return port;
}

function tokenFor(host: string, token: string | undefined): string | undefined {
  if (isLoopback(host)) return undefined;
  if (token === undefined || token.length < MIN_TOKEN_LENGTH)
    throw new UsageError(
      `--host ${host} is not loopback: set DASHBOARD_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) in .env, or keep the default 127.0.0.1`,
    );
  return token;
}

async function serveDashboard(ctx: Context, host: string, port: number): Promise<void> {
  const token = tokenFor(host, ctx.env.dashboardToken);
  const store = ctx.store();
  const killSwitch = composeKillSwitch(ctx);
  const broker = composeAlpaca(ctx).broker;
  const staleMs = staleAfterMs(ctx.config.protection.timer_interval_ms);
  const riskLimits = riskLimitsOf(ctx.config);
  const probeLock = () => probeRootLock(ctx.env.root);
  const capitalCap = capitalLimit(ctx.config, ctx.env.tradingCapital);
  const feed = createDashboardFeed({
    collect: () =>
      collectDashboard({
        broker: () => broker,
        store,
        killSwitch,
        probeLock,
        isAlive: isProcessAlive,
        staleMs,
        riskLimits,
        errorWindowMs: ERROR_WINDOW_MS,
        dataDir: ctx.paths.data,
        ...(capitalCap === undefined ? {} : { capitalCap }),
      }),
    changed: localChanges(store, () => killSwitch.isHalted()),
    pollMs: POLL_MS,
    refreshMs: REFRESH_MS,
    now: Date.now,
    onError: (e) => {
      ctx.log.warn(
        { err: e instanceof Error ? e.message : String(e) },
        'dashboard snapshot failed: will try again',
      );
    },
  });
  const app = dashboardApp({
    feed,
    health: () =>
      currentHealth({ store, probeLock, isAlive: isProcessAlive, staleMs, now: Date.now }),
    assets: pageAssets(checkoutDir()),
    token,
    json: (value) => ctx.scrub(JSON.stringify(value)),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => {
      resolve(s);
    });
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${String(address.port)}/`;
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url, host, port: address.port, token: token !== undefined })}\n`,
  );
  ctx.log.info({ url }, 'dashboard ready');
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => {
      resolve('SIGINT');
    });
    process.once('SIGTERM', () => {
      resolve('SIGTERM');
    });
  });
  feed.stop();
  // Open event streams would hold close() forever: end them with the server.
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  ctx.log.info({ signal }, 'dashboard stopped');
}

export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'serve the read-only System Health dashboard and its JSON API until SIGINT/SIGTERM',
    )
    .option('--port <n>', 'TCP port; 0 = any free port', '8080')
    .option(
      '--host <address>',
      'address to bind; any but loopback requires DASHBOARD_TOKEN',
      '127.0.0.1',
    )
    .action(async (opts: { port: string; host: string }) => {
      const port = parsePort(opts.port);
      await withContext('dashboard', (ctx) => serveDashboard(ctx, opts.host, port));
    });
}
