/**
 * @module Memory of the daemon with 100 protected positions: `strikeline stream` as a child process (the real CLI,
 * through tsx) against the simulator in this process; 100 positions opened, every one protected by an OCO, live
 * trades printed on all of them, then the child's resident set read from /proc/<pid>/status (VmRSS, VmHWM).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DAEMON_NODE_FLAGS } from '../../src/cli/daemon-node-flags.ts';
import { startSimulator } from '../../src/sim/start-simulator.ts';
import { waitFor } from '../../tests/support/sim.ts';
import { benchSymbols } from './loopback.ts';

const REPO = join(import.meta.dirname, '..', '..');

export interface RssResult {
  readonly positions: number;
  readonly protectedPositions: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
}

const kbOf = (status: string, field: string): number =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);

// Long enough for strikeline to accept (at least 8 characters: docs/security.md).
const RSS_KEY = 'PKRSSBENCH';
const RSS_SECRET = 'rss-bench-secret';

export async function measureRss(positions = 100): Promise<RssResult> {
  const symbols = benchSymbols(positions, 'M');
  const sim = await startSimulator({
    key: RSS_KEY,
    secret: RSS_SECRET,
    symbols,
    cash: 1e10,
    start: '2024-05-01T13:25:00Z',
    speed: 0,
    partialFillRate: 0,
  });
  sim.exchange.advanceTo(Date.parse('2024-05-01T13:31:00Z'), { quiet: true });
  for (const symbol of symbols)
    sim.exchange.submitOrder({
      symbol,
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      qty: 10,
    });
  const root = mkdtempSync(join(tmpdir(), 'strikeline-bench-rss-'));
  // Started as deploy/ starts it: the daemon's node flags, then the CLI.
  const child = spawn(
    process.execPath,
    [...DAEMON_NODE_FLAGS, join(REPO, 'bin', 'strikeline.js'), 'stream'],
    {
      cwd: REPO,
      env: {
        ...process.env,
        TRADING_SYSTEM_ROOT: root,
        ALPACA_API_KEY: RSS_KEY,
        ALPACA_SECRET_KEY: RSS_SECRET,
        ALPACA_ENDPOINT: sim.urls.rest,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let ready = false;
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.includes('"event":"ready"')) ready = true;
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null && !ready) throw new Error(`daemon exited: ${stderr}`);
        return ready;
      },
      60_000,
      'the daemon ready line',
    );
    const covered = (): number =>
      new Set(
        sim.exchange
          .allOrders()
          .filter((o) => o.order_class === 'oco' && ['new', 'accepted', 'held'].includes(o.status))
          .map((o) => o.symbol),
      ).size;
    await waitFor(() => covered() >= positions, 120_000, `${positions} OCOs`);
    // Live trades on every held symbol for a while: the market feed, exit rules and journal at work.
    for (let round = 0; round < 20; round += 1) {
      for (const symbol of symbols)
        sim.exchange.printTrade(
          symbol,
          sim.exchange.lastTrade(symbol).price * (1 + (round % 2 === 0 ? 0.001 : -0.001)),
          100,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const status = readFileSync(`/proc/${child.pid ?? 0}/status`, 'utf8');
    return {
      positions,
      protectedPositions: covered(),
      rssMb: kbOf(status, 'VmRSS') / 1024,
      peakRssMb: kbOf(status, 'VmHWM') / 1024,
    };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  }
}
