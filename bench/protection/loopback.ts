/**
 * @module Loopback end-to-end protection latency. The simulator runs in a process of its own (as the broker does:
 * its work and the daemon's do not queue behind each other on one thread) and fills a market buy; the fill travels
 * its trading websocket to the real Alpaca adapter (official SDK) in this process; the daemon's protection pipeline
 * sends the OCO through its REST queue over HTTP; measured until the daemon holds the simulator's answer (the
 * acknowledgement).
 * t0 is stamped by the exchange at the fill, t1 at the resolution of the adapter's submitOrder, both on the
 * machine-wide monotonic clock. Also reports the payload sizes, so the floor can send the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, tap, type Subscription } from 'rxjs';
import { createAlpaca } from '../../src/adapters/alpaca/create-alpaca.ts';
import { createBrokerClock } from '../../src/adapters/clock/broker-clock.ts';
import { deriveUrls } from '../../src/config/env.ts';
import { DEFAULT_CONFIG } from '../../src/config/schema.ts';
import { modelUpProbability } from '../../src/scanner/ml/model-up-probability.ts';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import type { Broker } from '../../src/domain/ports.ts';
import type { SubmitOrder } from '../../src/domain/orders.ts';
import { protectionStream } from '../../src/streams/protection/protection-stream.ts';
import { createRestQueue, prioritizedBroker } from '../../src/streams/daemon/rest-queue.ts';
import { startChild } from './child-process.ts';
import { BENCH_KEY, BENCH_SECRET, monoMs, type PayloadSizes } from './wire.ts';
import { latencyRecorder, type Latency } from './stats.ts';
import { silentLogger } from '../../src/domain/silent-logger.ts';

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

/** One daemon against one simulator process; `once()` fills the next symbol and resolves at the protective ack. */
export interface Loopback {
  once(): Promise<void>;
  /** The measurements after the first `warmup` fills. */
  result(warmup: number): Promise<LoopbackResult>;
  close(): Promise<void>;
}

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function openLoopback(fills: number): Promise<Loopback> {
  const symbols = benchSymbols(fills);
  const exchange = await startChild('sim', symbols.join(','));
  const dir = mkdtempSync(join(tmpdir(), 'strikeline-bench-'));
  const store = openStore(join(dir, 'state'));
  // Alpaca's 200 requests a minute would pace a burst of hundreds of fills: the latency is measured unthrottled.
  const alpaca = createAlpaca({
    keyId: BENCH_KEY,
    secretKey: BENCH_SECRET,
    endpoint: exchange.rest,
    ...deriveUrls(exchange.rest),
    requestsPerMinute: 10_000,
    log: silentLogger,
  });
  const arrived = new Map<string, number>();
  const posted = new Map<string, number>();
  const acked = new Map<string, number>();
  let postBytes = 0;
  let onAck: ((symbol: string) => void) | undefined;
  // The daemon's own REST queue (p-queue, priorities) in front of the adapter, as `strikeline stream` composes it.
  const queued = prioritizedBroker(alpaca.broker, createRestQueue({ requestsPerMinute: 10_000 }));
  const broker: Broker = {
    ...queued,
    submitOrder: async (order) => {
      posted.set(order.symbol, monoMs());
      const report = await queued.submitOrder(order);
      acked.set(order.symbol, monoMs());
      postBytes = Buffer.byteLength(ocoBody(order));
      onAck?.(order.symbol);
      return report;
    },
  };
  // A pass-through tap marks when each fill leaves the adapter.
  const tradeFeed = {
    tradeUpdates$: () =>
      alpaca.tradeFeed.tradeUpdates$().pipe(
        tap((u) => {
          if (u.kind === 'TradeUpdate' && u.event === 'fill') arrived.set(u.order.symbol, monoMs());
        }),
      ),
  };
  const shutdown$ = new Subject<void>();
  const config = {
    ...DEFAULT_CONFIG,
    protection: { ...DEFAULT_CONFIG.protection, audit_interval_ms: 3_600_000 },
  };
  // Ready once the trading stream listens and an audit has run since: a fill before that is the audit's to repair.
  let audited: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (audited = resolve));
  let listening = false;
  const clock = createBrokerClock();
  const sub: Subscription = protectionStream(
    {
      ...alpaca,
      tradeFeed,
      broker,
      store,
      log: silentLogger,
      config,
      shutdown$,
      mailer: { alert: () => Promise.resolve() },
      clock,
      events: { emit: () => undefined },
      killSwitch: createFileKillSwitch({ path: join(dir, 'HALT'), tradingDisabled: false }),
      mlModel: modelUpProbability(config.scanner.history_years),
    },
    { clock },
  ).subscribe((e) => {
    if (e.kind === 'FeedResynced' && e.feed === 'trading') listening = true;
    if (e.kind === 'AuditCompleted' && listening) audited();
  });
  const close = async (): Promise<void> => {
    shutdown$.next();
    sub.unsubscribe();
    await store.close();
    await exchange.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (e) {
    await close();
    throw e;
  }
  let next = 0;
  return {
    once: () =>
      new Promise<void>((resolve, reject) => {
        const symbol = symbols[next];
        next += 1;
        if (symbol === undefined) {
          reject(new Error(`only ${String(fills)} fills were prepared`));
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error(`no protective order for ${symbol} within 10 s`));
        }, 10_000);
        onAck = (s) => {
          if (s !== symbol) return;
          clearTimeout(timer);
          resolve();
        };
        exchange.fill(symbol);
      }),
    result: async (warmup) => {
      const { stamps, sizes } = await exchange.stamps();
      const recorder = latencyRecorder('loopback: sim fill -> protective order acknowledged');
      const legs: Array<[number, number, number]> = [];
      for (const symbol of symbols.slice(warmup, next)) {
        const [t0, ta, tp, t1] = [
          stamps[symbol],
          arrived.get(symbol),
          posted.get(symbol),
          acked.get(symbol),
        ];
        if (t0 === undefined || ta === undefined || tp === undefined || t1 === undefined)
          throw new Error(`no complete stamps for ${symbol}`);
        recorder.recordMs(t1 - t0);
        legs.push([ta - t0, tp - ta, t1 - tp]);
      }
      return {
        latency: recorder.result(),
        sizes: {
          eventBytes: sizes?.eventBytes ?? 0,
          postBytes,
          responseBytes: sizes?.responseBytes ?? 0,
        },
        legs: {
          simToAdapterMs: median(legs.map((l) => l[0])),
          adapterToPostMs: median(legs.map((l) => l[1])),
          postToAckMs: median(legs.map((l) => l[2])),
        },
      };
    },
    close,
  };
}
