/**
 * @module In-process protection latency: a buy fill event pushed into the daemon's protection pipeline (the real
 * protectionStream, LMDB store, journal) until the pipeline calls Broker.submitOrder with the protective OCO.
 * The broker here is an in-memory account that answers at once and records when submitOrder is called: the
 * network is measured by the loopback benchmark, this one measures the engine alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, type Subscription } from 'rxjs';
import { DEFAULT_CONFIG } from '../../src/config/schema.ts';
import { modelUpProbability } from '../../src/scanner/ml/model-up-probability.ts';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import type { FeedEvent, TradeUpdate } from '../../src/domain/events.ts';
import { price, qty } from '../../src/domain/money.ts';
import type { OrderReport, SubmitOrder } from '../../src/domain/orders.ts';
import type { Broker } from '../../src/domain/ports.ts';
import { wallNow } from '../../src/domain/time/wall-clock.ts';
import { protectionStream } from '../../src/streams/protection/protection-stream.ts';
import { order as stubOrder } from '../../tests/support/daemon-stubs.ts';
import { latencyRecorder, type Latency } from './stats.ts';
import { silentLogger } from '../../src/domain/silent-logger.ts';

/** A resting order reported now: the shared stub order with the bench's defaults. */
function report(
  o: Partial<OrderReport> & Pick<OrderReport, 'id' | 'clientOrderId' | 'symbol' | 'side' | 'type'>,
): OrderReport {
  const now = Date.now();
  return stubOrder({
    timeInForce: 'gtc',
    status: 'new',
    filledQty: qty(0),
    filledAvgPrice: null,
    tsCreated: now,
    tsUpdated: now,
    tsFilled: null,
    ...o,
  });
}

/** An account that accepts every order at once; `onSubmit` sees each protective order as it is sent. */
function recordingBroker(onSubmit: (order: SubmitOrder) => void): Broker {
  let n = 0;
  const unused = () => Promise.reject(new Error('not used by this benchmark'));
  return {
    getAccount: unused,
    getClock: () =>
      Promise.resolve({
        kind: 'ClockReport',
        tsNow: Date.now(),
        isOpen: true,
        tsNextOpen: Date.now() + 86_400_000,
        tsNextClose: Date.now() + 3_600_000,
      }),
    getCalendar: () => Promise.resolve([]),
    getAsset: (symbol) =>
      Promise.resolve({
        kind: 'AssetReport',
        symbol,
        name: symbol,
        tradable: true,
        fractionable: true,
        status: 'active',
      }),
    listPositions: () => Promise.resolve([]),
    listOrders: () => Promise.resolve([]),
    getOrder: unused,
    getOrderByClientId: () => Promise.resolve(undefined),
    submitOrder: (order) => {
      onSubmit(order);
      n += 1;
      return Promise.resolve(
        report({
          id: `oco-${n}`,
          clientOrderId: order.clientOrderId,
          symbol: order.symbol,
          side: 'sell',
          type: 'limit',
          orderClass: 'oco',
          qty: order.qty ?? qty(0),
          limitPrice: order.takeProfit?.limitPrice ?? null,
          legs: [
            report({
              id: `oco-${n}-sl`,
              clientOrderId: `${order.clientOrderId}-sl`,
              symbol: order.symbol,
              side: 'sell',
              type: 'stop',
              orderClass: 'oco',
              status: 'held',
              stopPrice: order.stopLoss?.stopPrice ?? null,
            }),
          ],
        }),
      );
    },
    cancelOrder: () => Promise.resolve(),
    cancelAllOrders: () => Promise.resolve(),
    closePosition: unused,
    closeAllPositions: () => Promise.resolve(),
    getBars: () => Promise.resolve({}),
    listFills: unused,
    getPortfolioHistory: unused,
    getLatestPrices: () => Promise.resolve({}),
  };
}

/** A market buy of 10 shares at 100 filled at once, as the trading stream delivers it. */
function buyFill(symbol: string, i: number): TradeUpdate {
  const now = Date.now();
  const order = report({
    id: `entry-${symbol}`,
    clientOrderId: `manual-${symbol}`,
    symbol,
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    status: 'filled',
    filledQty: qty(10),
    filledAvgPrice: price(100),
    tsFilled: now,
  });
  return {
    kind: 'TradeUpdate',
    event: 'fill',
    order,
    tsEvent: now,
    price: price(100),
    qty: qty(10),
    positionQty: qty(10),
    executionId: `exec-${symbol}-${i}`,
    tsReceived: wallNow(),
  };
}

export interface InProcessOptions {
  /** Fresh pipelines, each warmed up with `held` protected positions before `perRound` measured fills. */
  readonly rounds: number;
  readonly held: number;
  readonly perRound: number;
  /** Sees the heap growth over each measured event, its bookkeeping included (negative when a GC ran meanwhile). */
  readonly recordHeapBytes?: (bytes: number) => void;
}

/** One pipeline: `held` unmeasured fills, then `perRound` measured ones, each awaited until its POST is sent. */
async function round(
  r: number,
  options: InProcessOptions,
  recordMs: (ms: number) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'strikeline-bench-'));
  const store = openStore(join(dir, 'state'));
  const shutdown$ = new Subject<void>();
  const trading$ = new Subject<TradeUpdate | FeedEvent>();
  let sent: ((symbol: string) => void) | undefined;
  const broker = recordingBroker((order) => sent?.(order.symbol));
  const config = {
    ...DEFAULT_CONFIG,
    protection: {
      ...DEFAULT_CONFIG.protection,
      audit_interval_ms: 3_600_000,
      timer_interval_ms: 3_600_000,
    },
  };
  const never = { trades$: () => new Subject<never>(), bars$: () => new Subject<never>() };
  const events$ = protectionStream(
    {
      broker,
      tradeFeed: { tradeUpdates$: () => trading$ },
      marketFeed: never,
      store,
      log: silentLogger,
      config,
      shutdown$,
      mailer: { alert: () => Promise.resolve() },
      clock: { now: Date.now },
      events: { emit: () => undefined },
      killSwitch: createFileKillSwitch({ path: join(dir, 'HALT'), tradingDisabled: false }),
      mlModel: modelUpProbability(config.scanner.history_years),
    },
    { tradeEvents$: trading$ },
  );
  // The first audit (an empty account) makes the pipeline act: wait for it.
  let audited: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (audited = resolve));
  const sub: Subscription = events$.subscribe((e) => {
    if (e.kind === 'AuditCompleted') audited();
  });
  await ready;
  for (let i = 0; i < options.held + options.perRound; i += 1) {
    const symbol = `R${r}S${i}`;
    const posted = new Promise<void>((resolve) => {
      sent = (s) => {
        if (s === symbol) resolve();
      };
    });
    const fill = buyFill(symbol, i);
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    trading$.next(fill);
    await posted;
    const ms = performance.now() - t0;
    if (i >= options.held) recordMs(ms);
    // Let the step's bookkeeping (persist, journal, ack) finish: each fill arrives at an idle daemon.
    await new Promise((resolve) => setImmediate(resolve));
    if (i >= options.held) options.recordHeapBytes?.(process.memoryUsage().heapUsed - heap0);
  }
  shutdown$.next();
  sub.unsubscribe();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

export async function measureInProcess(options: InProcessOptions): Promise<Latency> {
  const recorder = latencyRecorder(
    `in-process: fill event -> protective POST sent (${options.held}-${options.held + options.perRound} held)`,
  );
  for (let r = 0; r < options.rounds; r += 1) await round(r, options, recorder.recordMs);
  return recorder.result();
}
