/**
 * @module Loopback end-to-end protection latency: the simulator (on 127.0.0.1, in this process) fills a market buy;
 * the fill travels its trading websocket to the real Alpaca adapter (official SDK); the daemon's protection
 * pipeline sends the OCO over HTTP; measured until the simulator's answer (the acknowledgement) is back.
 * t0 is the exchange's fill event (the simulator frames and sends it in the same turn), t1 the resolution of
 * the adapter's submitOrder. Also reports the payload sizes, so the floor can send the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, tap, type Subscription } from 'rxjs';
import { createAlpaca } from '../../src/adapters/alpaca/create-alpaca.ts';
import { deriveUrls } from '../../src/adapters/config/env.ts';
import { DEFAULT_CONFIG } from '../../src/adapters/config/schema.ts';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import type { Broker, Logger } from '../../src/domain/ports.ts';
import type { SubmitOrder } from '../../src/domain/orders.ts';
import { orderJson, tradeUpdateJson } from '../../src/sim/server/order-json.ts';
import { tradeUpdateFrame } from '../../src/sim/server/trading-stream.ts';
import { startSimulator } from '../../src/sim/start-simulator.ts';
import { protectionStream } from '../../src/streams/protection-stream.ts';
import type { PayloadSizes } from './floor.ts';
import { latencyRecorder, type Latency } from './stats.ts';

const silent: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silent,
};
const KEY = 'PKBENCH';
const SECRET = 'bench-secret';

/** The body the SDK posts for an OCO exit (snake_case, numbers as strings). */
const ocoBody = (o: SubmitOrder): string =>
  JSON.stringify({
    symbol: o.symbol,
    qty: String(o.qty),
    side: o.side,
    type: o.type,
    time_in_force: o.timeInForce,
    order_class: o.orderClass,
    client_order_id: o.clientOrderId,
    take_profit: { limit_price: String(o.takeProfit?.limitPrice) },
    stop_loss: { stop_price: String(o.stopLoss?.stopPrice) },
  });

/** Distinct tickers QAAA, QAAB, ...: letters only, as the simulator generates any ticker it is given. */
export const benchSymbols = (n: number, prefix = 'Q'): string[] =>
  Array.from({ length: n }, (_, i) => {
    const letter = (k: number): string => String.fromCharCode(65 + (Math.floor(i / 26 ** k) % 26));
    return `${prefix}${letter(2)}${letter(1)}${letter(0)}`;
  });

/** Medians of the three legs: simulator to adapter (websocket + SDK), adapter to POST (the pipeline), POST to ack (HTTP + simulator). */
export interface LoopbackLegs {
  readonly simToAdapterMs: number;
  readonly adapterToPostMs: number;
  readonly postToAckMs: number;
}

export interface LoopbackResult {
  readonly latency: Latency;
  readonly sizes: PayloadSizes;
  readonly legs: LoopbackLegs;
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function measureLoopback(iterations: number, warmup = 50): Promise<LoopbackResult> {
  const symbols = benchSymbols(warmup + iterations);
  const sim = await startSimulator({
    key: KEY,
    secret: SECRET,
    symbols,
    cash: 1e10,
    start: '2024-05-01T13:25:00Z',
    speed: 0,
    partialFillRate: 0,
  });
  sim.exchange.advanceTo(Date.parse('2024-05-01T13:31:00Z'), { quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'strikeline-bench-'));
  const store = openStore(join(dir, 'state'));
  const urls = deriveUrls(sim.urls.rest);
  // Alpaca's 200 requests a minute would pace a burst of hundreds of fills: the latency is measured unthrottled.
  const alpaca = createAlpaca({
    keyId: KEY,
    secretKey: SECRET,
    endpoint: sim.urls.rest,
    ...urls,
    requestsPerMinute: 10_000,
    log: silent,
  });
  const fills = new Map<string, number>();
  const arrived = new Map<string, number>();
  const posted = new Map<string, number>();
  const legs: Array<[number, number, number]> = [];
  const acks = new Map<string, (ms: number) => void>();
  const sizes = { eventBytes: 0, postBytes: 0, responseBytes: 0 };
  const stopListening = sim.exchange.onTradeUpdate((u) => {
    if (u.event !== 'fill' || u.order.side !== 'buy') return;
    fills.set(u.order.symbol, performance.now());
    sizes.eventBytes = Buffer.byteLength(tradeUpdateFrame(tradeUpdateJson(u)));
  });
  const broker: Broker = {
    ...alpaca.broker,
    submitOrder: async (order) => {
      posted.set(order.symbol, performance.now());
      const report = await alpaca.broker.submitOrder(order);
      const t1 = performance.now();
      sizes.postBytes = Buffer.byteLength(ocoBody(order));
      const simOrder = sim.exchange.getOrder(report.id);
      if (simOrder !== undefined)
        sizes.responseBytes = Buffer.byteLength(JSON.stringify(orderJson(simOrder, true)));
      const [t0, ta, tp] = [
        fills.get(order.symbol),
        arrived.get(order.symbol),
        posted.get(order.symbol),
      ];
      if (t0 !== undefined && ta !== undefined && tp !== undefined) {
        legs.push([ta - t0, tp - ta, t1 - tp]);
        acks.get(order.symbol)?.(t1 - t0);
      }
      return report;
    },
  };
  const shutdown$ = new Subject<void>();
  const config = {
    ...DEFAULT_CONFIG,
    protection: { ...DEFAULT_CONFIG.protection, audit_interval_ms: 3_600_000 },
  };
  let audited: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (audited = resolve));
  // A pass-through tap marks when each fill leaves the adapter.
  const tradeFeed = {
    tradeUpdates$: () =>
      alpaca.tradeFeed.tradeUpdates$().pipe(
        tap((u) => {
          if (u.kind === 'TradeUpdate' && u.event === 'fill')
            arrived.set(u.order.symbol, performance.now());
        }),
      ),
  };
  const sub: Subscription = protectionStream({
    ...alpaca,
    tradeFeed,
    broker,
    store,
    log: silent,
    config,
    shutdown$,
    mailer: { alert: () => Promise.resolve() },
    clock: { now: () => sim.exchange.now() },
    events: { emit: () => undefined },
    killSwitch: createFileKillSwitch({ path: join(dir, 'HALT'), tradingDisabled: false }),
  }).subscribe((e) => {
    if (e.kind === 'AuditCompleted') audited();
  });
  await ready;
  const recorder = latencyRecorder('loopback: sim fill -> protective order acknowledged');
  try {
    for (const [i, symbol] of symbols.entries()) {
      const acked = new Promise<number>((resolve, reject) => {
        acks.set(symbol, resolve);
        setTimeout(() => {
          reject(new Error(`no protective order for ${symbol} within 10 s`));
        }, 10_000).unref();
      });
      sim.exchange.submitOrder({
        symbol,
        side: 'buy',
        type: 'market',
        time_in_force: 'day',
        qty: 10,
      });
      const ms = await acked;
      if (i >= warmup) recorder.recordMs(ms);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    shutdown$.next();
    sub.unsubscribe();
    stopListening();
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const measured = legs.slice(warmup);
  return {
    latency: recorder.result(),
    sizes,
    legs: {
      simToAdapterMs: median(measured.map((l) => l[0])),
      adapterToPostMs: median(measured.map((l) => l[1])),
      postToAckMs: median(measured.map((l) => l[2])),
    },
  };
}
