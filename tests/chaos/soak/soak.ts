/**
 * @module The process-level chaos soak: the real `strikeline sim` and `strikeline stream` as child processes over
 * real sockets, exactly as a box runs them. Each cycle starts the daemon, lets entries fill, SIGKILLs it at a
 * random moment (sometimes right after a fill, before its protection), lets more entries fill and sometimes
 * cancels every protective order while it is down, then restarts it and times how long until every share is
 * under a broker stop again. It counts violations: shares uncovered past the deadline, protective sells above a
 * position, two protections of one kind for one symbol, protective orders left on a closed position.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { DAEMON_NODE_FLAGS } from '../../../src/cli/daemon-node-flags.ts';

export interface SoakOptions {
  readonly cycles: number;
  readonly seed: number;
  /** A restarted daemon must cover every share within this long of its ready line (default 20 s). */
  readonly deadlineMs?: number;
  /** The simulator's REST limit per minute (Alpaca: 200). */
  readonly rateLimitPerMinute?: number;
  readonly log?: (line: string) => void;
}

export interface SoakResult {
  readonly cycles: number;
  readonly entries: number;
  readonly kills: number;
  readonly violations: readonly string[];
  /** Per restart: ms from the restarted process's spawn, and from its ready line, to every share covered. */
  readonly coverFromSpawnMs: readonly number[];
  readonly coverFromReadyMs: readonly number[];
  /** Restarts that took over 2 s after their ready line, with the refusals their daemon journaled meanwhile. */
  readonly slow: readonly string[];
}

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'strikeline.js');
const SYMBOLS = [
  'AAPL',
  'MSFT',
  'NVDA',
  'AMZN',
  'GOOGL',
  'META',
  'TSLA',
  'JPM',
  'V',
  'MA',
  'KO',
  'PEP',
  'XOM',
  'CVX',
  'WMT',
  'HD',
  'PG',
  'JNJ',
  'UNH',
  'DIS',
];
const OPEN = new Set(['new', 'accepted', 'pending_new', 'partially_filled', 'held']);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32): the soak's choices replay for a seed; the machine's timing does not. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Child {
  readonly proc: ChildProcess;
  readonly lines: string[];
  readonly spawnedAt: number;
}

function start(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  nodeFlags: readonly string[] = [],
): Child {
  const proc = spawn(process.execPath, [...nodeFlags, BIN, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: proc.stdout }).on('line', (l) => lines.push(l));
  createInterface({ input: proc.stderr }).on('line', (l) => lines.push(l));
  return { proc, lines, spawnedAt: Date.now() };
}

async function readyOf(
  child: Child,
  what: string,
  deadlineMs = 60_000,
): Promise<Record<string, string>> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const line = child.lines.find((l) => l.includes('"event":"ready"'));
    if (line !== undefined) return JSON.parse(line) as Record<string, string>;
    if (child.proc.exitCode !== null)
      throw new Error(
        `${what} exited ${String(child.proc.exitCode)}: ${child.lines.slice(-3).join(' | ')}`,
      );
    await sleep(20);
  }
  throw new Error(`${what} never printed its ready line`);
}

interface SimOrder {
  symbol: string;
  side: string;
  status: string;
  qty: string | null;
  filled_qty: string;
  client_order_id: string;
  stop_price: string | null;
  legs?: SimOrder[] | null;
}
interface SimState {
  positions: Array<{ symbol: string; qty: string }>;
  open_orders: SimOrder[];
}

/** The simulator's REST and control API, with the soak's credentials. */
function broker(rest: string, control: string, key: string, secret: string) {
  const headers = {
    'APCA-API-KEY-ID': key,
    'APCA-API-SECRET-KEY': secret,
    'Content-Type': 'application/json',
  };
  const call = async (
    url: string,
    method = 'GET',
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? {} : JSON.parse(text) };
  };
  return {
    state: async () => (await call(`${control}/state`)).json as SimState,
    buy: (symbol: string, qty: number, id: string) =>
      call(`${rest}/v2/orders`, 'POST', {
        symbol,
        qty: String(qty),
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        client_order_id: id,
      }),
    cancelAll: () => call(`${rest}/v2/orders`, 'DELETE'),
  };
}

const remaining = (o: SimOrder): number => Math.max(0, Number(o.qty ?? 0) - Number(o.filled_qty));
const stops = (o: SimOrder): boolean =>
  o.stop_price !== null || (o.legs ?? []).some((l) => l.stop_price !== null && OPEN.has(l.status));

/** Shares without a stop per symbol, and the invariants that hold at any instant. */
export function inspect(state: SimState): { uncovered: Record<string, number>; broken: string[] } {
  const uncovered: Record<string, number> = {};
  const broken: string[] = [];
  const held = new Map(state.positions.map((p) => [p.symbol, Number(p.qty)]));
  const sells = state.open_orders.filter((o) => o.side === 'sell' && OPEN.has(o.status));
  for (const [symbol, qty] of held) {
    const mine = sells.filter((o) => o.symbol === symbol);
    const reserved = mine.reduce((s, o) => s + remaining(o), 0);
    const stopped = mine.filter(stops).reduce((s, o) => s + remaining(o), 0);
    if (reserved > qty + 1e-9)
      broken.push(`${symbol}: sells reserve ${String(reserved)} of ${String(qty)}`);
    for (const role of ['oco', 'stp']) {
      const n = mine.filter((o) => o.client_order_id.startsWith(`sl-${role}-`)).length;
      if (n > 1) broken.push(`${symbol}: ${String(n)} protective ${role} orders`);
    }
    if (stopped < qty - 1e-9) uncovered[symbol] = qty - stopped;
  }
  for (const o of sells)
    if (!held.has(o.symbol) && /^sl-(oco|stp)-/.test(o.client_order_id))
      broken.push(`${o.symbol}: ${o.client_order_id} open without a position`);
  return { uncovered, broken };
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const random = rng(options.seed);
  const key = `PKSOAK${randomBytes(8).toString('hex').toUpperCase()}`;
  const secret = randomBytes(24).toString('base64url');
  const root = mkdtempSync(join(tmpdir(), 'strikeline-soak-'));
  const base = { ...process.env, LOG_LEVEL: 'warn' };
  // The 09:31 New York of a Wednesday, at real speed: the session is open for the whole soak.
  const sim = start(
    [
      'sim',
      '--port',
      '0',
      '--seed',
      String(options.seed),
      '--speed',
      '1',
      '--start',
      '2024-05-01T13:31:00Z',
      '--key',
      key,
      '--secret',
      secret,
      '--rate-limit',
      String(options.rateLimitPerMinute ?? 200),
    ],
    base,
  );
  const violations: string[] = [];
  const fromSpawn: number[] = [];
  const fromReady: number[] = [];
  const slow: string[] = [];
  let entries = 0;
  let kills = 0;
  let daemon: Child | undefined;
  try {
    const urls = await readyOf(sim, 'the simulator');
    const rest = urls.rest ?? '';
    const b = broker(rest, urls.control ?? '', key, secret);
    const env = {
      ...base,
      ALPACA_API_KEY: key,
      ALPACA_SECRET_KEY: secret,
      ALPACA_ENDPOINT: rest,
      TRADING_SYSTEM_ROOT: root,
    };
    const enter = async (): Promise<void> => {
      const held = new Set((await b.state()).positions.map((p) => p.symbol));
      const free = SYMBOLS.filter((s) => !held.has(s));
      const symbol = free[Math.floor(random() * free.length)];
      if (symbol === undefined) return;
      const qty =
        random() < 0.3 ? Math.round((1 + random() * 5) * 4) / 4 : 1 + Math.floor(random() * 4);
      const r = await b.buy(
        symbol,
        qty,
        `soak-${String(options.seed)}-${String(entries)}-${String(Date.now())}`,
      );
      if (r.status === 200) entries += 1;
    };
    for (let cycle = 0; cycle < options.cycles; cycle += 1) {
      const mark = await journalMark(root);
      daemon = start(['stream'], env, DAEMON_NODE_FLAGS);
      const ready = await readyOf(daemon, 'the daemon');
      const readyAt = Date.now();
      if (ready.event !== 'ready') violations.push(`cycle ${String(cycle)}: no ready line`);
      // Every share covered: time it from the process's start and from its ready line.
      const covered = await coveredWithin(b, options.deadlineMs ?? 20_000);
      if (covered.at === null)
        violations.push(
          `cycle ${String(cycle)}: not covered ${String(options.deadlineMs ?? 20_000)} ms after ready: ${JSON.stringify(covered.uncovered)}`,
        );
      else {
        fromSpawn.push(covered.at - daemon.spawnedAt);
        fromReady.push(Math.max(0, covered.at - readyAt));
        if (covered.at - readyAt > 2_000)
          slow.push(
            `cycle ${String(cycle + 1)}: ${String(covered.at - readyAt)} ms after ready; ${await refusalsSince(root, mark)}`,
          );
      }
      violations.push(...covered.broken.map((x) => `cycle ${String(cycle)}: ${x}`));
      // Up for a random while with entries filling, then SIGKILL (half the time right after an entry).
      const upMs = 200 + random() * 2_000;
      const until = Date.now() + upMs;
      while (Date.now() < until) {
        if (random() < 0.5) await enter();
        await sleep(100 + random() * 400);
      }
      if (random() < 0.5) await enter();
      daemon.proc.kill('SIGKILL');
      kills += 1;
      await new Promise((resolve) => daemon?.proc.once('close', resolve));
      // While it is down: fills nobody protects yet, and sometimes every protective order cancelled.
      if (random() < 0.6) await enter();
      if (random() < 0.3) await b.cancelAll();
      log(
        `cycle ${String(cycle + 1)}/${String(options.cycles)}: covered ${covered.at === null ? 'NOT' : `${String(fromSpawn.at(-1))} ms from spawn, ${String(fromReady.at(-1))} ms from ready`}`,
      );
    }
  } finally {
    if (daemon !== undefined && daemon.proc.exitCode === null) daemon.proc.kill('SIGKILL');
    sim.proc.kill('SIGTERM');
    await new Promise((resolve) => {
      if (sim.proc.exitCode !== null) resolve(null);
      else sim.proc.once('close', resolve);
    });
    rmSync(root, { recursive: true, force: true });
  }
  return {
    cycles: options.cycles,
    entries,
    kills,
    violations,
    coverFromSpawnMs: fromSpawn,
    coverFromReadyMs: fromReady,
    slow,
  };
}

/** The journal's last timestamp (the daemon's broker time), to tell a restart's entries from earlier ones. */
async function journalMark(root: string): Promise<number> {
  const store = openStore(join(root, 'state'));
  try {
    return store.journal.list().at(-1)?.ts ?? 0;
  } finally {
    await store.close();
  }
}

/** Why a restart was slow: the refusals of protective orders its daemon journaled since the mark. */
async function refusalsSince(root: string, mark: number): Promise<string> {
  const store = openStore(join(root, 'state'));
  try {
    const failed = store.journal
      .list()
      .filter((e) => e.action === 'protection_failed' && e.ts > mark);
    const reasons = new Map<string, number>();
    for (const e of failed) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    return failed.length === 0
      ? 'no refusal journaled'
      : [...reasons].map(([r, n]) => `${String(n)}x ${r}`).join('; ');
  } finally {
    await store.close();
  }
}

async function coveredWithin(
  b: ReturnType<typeof broker>,
  deadlineMs: number,
): Promise<{ at: number | null; uncovered: Record<string, number>; broken: string[] }> {
  const until = Date.now() + deadlineMs;
  let last = inspect(await b.state());
  while (Object.keys(last.uncovered).length > 0 && Date.now() < until) {
    await sleep(20);
    last = inspect(await b.state());
  }
  return {
    at: Object.keys(last.uncovered).length === 0 ? Date.now() : null,
    uncovered: last.uncovered,
    broken: last.broken,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}
