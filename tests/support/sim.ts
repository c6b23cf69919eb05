/**
 * Test support for the simulator: start one in-process on port 0 with a fresh temp root, point the official SDK
 * at it, drive its control API, and poll for conditions with a deadline (no sleeps deciding pass/fail).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Alpaca } from '@alpacahq/alpaca-trade-api';
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/sim/start-simulator.ts';

export const TEST_KEY = 'PKSIMTEST';
export const TEST_SECRET = 'sim-test-secret';
/** Wednesday 2024-05-01, 09:25 New York: five minutes before a regular open. */
export const TEST_START = '2024-05-01T13:25:00Z';

export interface TestSimulator {
  readonly sim: Simulator;
  /** A fresh temp dir for TRADING_SYSTEM_ROOT (config falls back to defaults). */
  readonly root: string;
  /** Environment for `node bin/strikeline.js ...` pointed at this simulator. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Defaults for tests: fixed key/secret, start TEST_START, speed 0 (time moves only through control calls),
 * seed 42 and partialFillRate 0 so fills are whole unless a test asks otherwise.
 */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const sim = await startSimulator({
    key: TEST_KEY,
    secret: TEST_SECRET,
    start: TEST_START,
    speed: 0,
    seed: 42,
    partialFillRate: 0,
    ...options,
  });
  const root = mkdtempSync(join(tmpdir(), 'strikeline-sim-'));
  const env = {
    ALPACA_API_KEY: options.key ?? TEST_KEY,
    ALPACA_SECRET_KEY: options.secret ?? TEST_SECRET,
    ALPACA_ENDPOINT: sim.urls.rest,
    TRADING_SYSTEM_ROOT: root,
    LOG_LEVEL: 'warn',
  };
  return {
    sim,
    root,
    env,
    stop: async () => {
      await sim.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const ALPACA_HOSTS = /^https:\/\/(paper-api|api|data|data\.sandbox)\.alpaca\.markets/;

/** A simulator, or its ready line's URLs; without credentials, TEST_KEY / TEST_SECRET are assumed. */
export type SimLike = Pick<Simulator, 'urls'> & Partial<Pick<Simulator, 'credentials'>>;

/** The official SDK facade pointed at the simulator (host-rewriting fetchApi, no client rate limit, no retries). */
export function sdkFor(
  sim: SimLike,
  credentials: { keyId: string; secret: string } = {
    keyId: sim.credentials?.key ?? TEST_KEY,
    secret: sim.credentials?.secret ?? TEST_SECRET,
  },
) {
  const alpaca = new Alpaca({
    ...credentials,
    rateLimit: false,
    retry: false,
    fetchApi: (url, init) => fetch(url.replace(ALPACA_HOSTS, sim.urls.rest), init),
  });
  const fastReconnect = { initialReconnectMs: 50, maxReconnectMs: 500, reconnectJitter: 0 };
  return {
    alpaca,
    tradingStream: (options: Parameters<typeof alpaca.trading.stream>[0] = {}) =>
      alpaca.trading.stream({ url: sim.urls.tradingStream, ...fastReconnect, ...options }),
    stockStream: (options: Parameters<typeof alpaca.marketData.stockStream>[0] = {}) =>
      alpaca.marketData.stockStream({ url: sim.urls.dataStream, ...fastReconnect, ...options }),
  };
}

export type Fault =
  | { kind: 'drop_streams'; refuse_ms?: number }
  | { kind: 'reject_orders'; count: number; status?: 403 | 422 | 429 | 500; message?: string }
  | { kind: 'duplicate_trade_updates'; count: number }
  | { kind: 'delay_trade_updates'; ms: number }
  | { kind: 'partial_fills'; parts: number }
  | { kind: 'rotate_credentials'; key: string; secret: string };

export interface SimStateJson {
  clock: { timestamp: string; is_open: boolean; next_open: string; next_close: string };
  account: Record<string, unknown>;
  positions: Array<Record<string, unknown>>;
  open_orders: Array<Record<string, unknown>>;
}

/** Typed calls to the control API; non-2xx answers throw with the server's message. */
export function control(
  sim: SimLike,
  credentials: { key: string; secret: string } = sim.credentials ?? {
    key: TEST_KEY,
    secret: TEST_SECRET,
  },
) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.urls.control}${path}`, {
      method,
      headers: {
        'APCA-API-KEY-ID': credentials.key,
        'APCA-API-SECRET-KEY': credentials.secret,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T & { message?: string };
    if (!res.ok)
      throw new Error(`control ${method} ${path} -> ${res.status}: ${json.message ?? ''}`);
    return json;
  };
  return {
    state: () => call<SimStateJson>('GET', '/state'),
    clock: (body: { advance_ms: number; quiet?: boolean } | { to: string; quiet?: boolean }) =>
      call<SimStateJson>('POST', '/clock', body),
    /** Prints a trade now, or reports a late one with an earlier `timestamp`. */
    trade: (body: { symbol: string; price: number; size?: number; timestamp?: string }) =>
      call<{
        trade: { id: number; late: boolean } & Record<string, unknown>;
        quote: { bid: number; ask: number };
      }>('POST', '/trade', body),
    /** Cancels (busts) or corrects an earlier trade by its id. */
    fixTrade: (
      body:
        | { symbol: string; cancel: number }
        | { symbol: string; correct: number; price: number; size: number },
    ) =>
      call<{ kind: string; original: { id: number }; corrected?: { id: number } }>(
        'POST',
        '/trade',
        body,
      ),
    faults: (body: Fault) => call<Record<string, unknown>>('POST', '/faults', body),
  };
}

/**
 * A deadline is only how long a failing test waits, never a measure: however short a test asks, it gets at least
 * this long, so a busy machine (CI's two cores under the whole suite) cannot fail it. Speed is measured in bench/
 * and, exactly, in virtual time (tests/chaos).
 */
export const MIN_DEADLINE_MS = 15_000;

/** Polls `predicate` every 10 ms until it returns a truthy value; fails after `timeoutMs` (at least MIN_DEADLINE_MS). */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<NonNullable<T>> {
  timeoutMs = Math.max(timeoutMs, MIN_DEADLINE_MS);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type TradingStream = ReturnType<ReturnType<typeof sdkFor>['tradingStream']>;
export type TradeUpdate = Parameters<Parameters<TradingStream['onTradeUpdate']>[0]>[0];

/**
 * Opens the SDK's trading stream on the simulator, subscribes to trade_updates and resolves once the
 * subscription is acknowledged; `updates` collects every update received.
 */
export async function connectTradeUpdates(
  sim: SimLike,
  options: Parameters<ReturnType<typeof sdkFor>['tradingStream']>[0] = {},
) {
  const stream = sdkFor(sim).tradingStream(options);
  const updates: TradeUpdate[] = [];
  let subscriptions = 0;
  stream.onTradeUpdate((u) => updates.push(u));
  stream.on('subscription', () => {
    subscriptions += 1;
  });
  stream.subscribeTradeUpdates();
  stream.connect();
  await waitFor(() => subscriptions > 0, 5000, 'the trade_updates subscription');
  return {
    stream,
    updates,
    subscriptions: () => subscriptions,
    /** The events received for one order id, in arrival order. */
    eventsOf: (orderId: string) =>
      updates.filter((u) => u.order.id === orderId).map((u) => u.event),
    close: () => {
      stream.disconnect();
    },
  };
}
