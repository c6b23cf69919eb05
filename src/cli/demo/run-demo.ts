/** @module `strikeline demo`: a whole trading day (or N) on the embedded simulator, every step a real command. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAlpaca } from '../../adapters/alpaca/create-alpaca.ts';
import { openStore } from '../../adapters/store/lmdb-store.ts';
import type { CalendarDay } from '../../domain/account.ts';
import { addDays } from '../../domain/time/ny-time.ts';
import type { Logger } from '../../domain/ports.ts';
import { randomCredentials, type SimCredentials } from '../../sim/server/random-credentials.ts';
import { nightlyScan, tradingDay, type DayContext } from './demo-day.ts';
import { summarize, type DemoSummary } from './demo-summary.ts';
import { journalFeed } from './journal-feed.ts';
import { startService, type Service } from './processes.ts';
import { simControl } from './sim-control.ts';

export interface DemoOptions {
  readonly root: string;
  readonly days: number;
  readonly seed: number;
  /** The first trading day (YYYY-MM-DD); the scan runs the evening before. */
  readonly date: string;
  readonly paceMs: number;
  readonly print: (line: string) => void;
  readonly log: Logger;
}

/**
 * The environment each job runs with: the demo root, the simulator's URLs and this run's random credentials (in
 * the environment, not on a command line other users can read), nothing of the user's account.
 */
function childEnv(root: string, rest: string, credentials: SimCredentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(ALPACA_|APCA_|SMTP_|ALERT_|TRADING_)/.test(k)) env[k] = undefined;
  return {
    ...env,
    ALPACA_API_KEY: credentials.key,
    ALPACA_SECRET_KEY: credentials.secret,
    ALPACA_ENDPOINT: rest,
    TRADING_SYSTEM_ROOT: root,
    LOG_LEVEL: 'info',
  };
}

/**
 * The demo's configuration: the shipped defaults, except two things. The REST budget: it counts wall time, and
 * the demo runs the market hundreds of times faster than the wall clock, so Alpaca's 200 a minute would make the
 * daemon wait hours of market time for a slot; the simulator accepts 10,000 a minute. And the verdict: the
 * synthetic market has no edge that survives the honest verdict (docs/research.md), so with the shipped
 * thresholds the demo would have nothing to trade; to show the day's machinery it accepts any try with a
 * positive excess return over 5 trades, with no multiple-testing correction.
 */
const DEMO_CONFIG = `# strikeline demo: the shipped defaults, except the REST budget and the verdict (see src/cli/demo/run-demo.ts).
broker:
  requests_per_minute: 10000
# The synthetic market has no edge that survives the honest verdict, so the demo relaxes it to have
# something to trade. Never run real money with these three lines.
scanner:
  min_trades: 5
  verdict: { fdr_pct: 100, max_drawdown_pct: 100 }
`;

function freshRoot(root: string): void {
  for (const dir of ['state', 'logs', 'data', 'reports', 'killswitch'])
    rmSync(join(root, dir), { recursive: true, force: true });
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config', 'config.yaml'), DEMO_CONFIG);
}

async function sessions(
  rest: string,
  credentials: SimCredentials,
  from: string,
  count: number,
  log: Logger,
): Promise<{ previous: CalendarDay; days: CalendarDay[] }> {
  const broker = createAlpaca({
    keyId: credentials.key,
    secretKey: credentials.secret,
    endpoint: rest,
    dataEndpoint: rest,
    streamUrl: '',
    dataStreamUrl: '',
    log,
  }).broker;
  const all = await broker.getCalendar(addDays(from, -10), addDays(from, count * 2 + 10));
  const first = all.findIndex((d) => d.date >= from);
  const previous = all[first - 1];
  const days = all.slice(first, first + count);
  if (first < 1 || previous === undefined || days.length < count)
    throw new Error(`no ${count} trading days from ${from} in the simulator's calendar`);
  return { previous, days };
}

export async function runDemo(o: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  freshRoot(o.root);
  const credentials = randomCredentials();
  const simEnv = childEnv(o.root, 'http://127.0.0.1:1', credentials);
  const start = `${addDays(o.date, -6)}T16:00:00Z`;
  o.print(
    `strikeline demo: ${o.days} trading day(s) from ${o.date} on the embedded simulator (seed ${o.seed}), root ${o.root}`,
  );
  const sim = await startService(
    ['sim', '--port', '0', '--seed', String(o.seed), '--speed', '0', '--start', start],
    simEnv,
  );
  const services: { daemon?: Service } = {};
  const store = openStore(join(o.root, 'state'));
  try {
    const rest = String(sim.ready.rest);
    o.print(`simulator ready at ${rest}`);
    const control = simControl(String(sim.ready.control), credentials.key, credentials.secret);
    const env = childEnv(o.root, rest, credentials);
    const ctx: DayContext = {
      control,
      env,
      feed: journalFeed(store, o.print),
      paceMs: o.paceMs,
      print: o.print,
    };
    const { previous, days } = await sessions(rest, credentials, o.date, o.days, o.log);
    const equityBefore = Number((await control.state()).account.equity);
    let prior = previous;
    for (const day of days) {
      await nightlyScan(ctx, prior);
      await tradingDay(ctx, day, async () => {
        if (services.daemon !== undefined) return;
        o.print('\n▸ strikeline stream   (the daemon, started once and kept running)');
        services.daemon = await startService(['stream'], env);
        o.print(`    ready: ${JSON.stringify(services.daemon.ready)}`);
      });
      prior = day;
    }
    const state = await control.state();
    const summary = summarize({
      store,
      root: o.root,
      days,
      equityBefore,
      state,
      wallMs: Date.now() - started,
    });
    writeFileSync(join(o.root, 'demo-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    const stopped = services.daemon === undefined ? 0 : await services.daemon.stop();
    if (stopped !== 0) o.print(`the daemon exited with ${stopped}`);
    await sim.stop();
    await store.close();
  }
}
