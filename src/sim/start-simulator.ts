/**
 * @module Starts the Alpaca-compatible simulator in-process: the seeded market, the matching engine, and one
 * HTTP server on 127.0.0.1 carrying trading REST, market-data REST, both WebSocket streams and the control API.
 */
import type { Logger } from '../domain/ports.ts';
import type { Exchange, SimTradeUpdate, SyntheticMarket } from './contracts.ts';
import { createExchange } from './engine/exchange.ts';
import { createSyntheticMarket, type SyntheticMarketWithInfo } from './market/synthetic-market.ts';
import { startClockDriver } from './server/clock-driver.ts';
import {
  createRestAnswer,
  createSimServer,
  type SimServerOptions,
} from './server/create-sim-server.ts';
import { createTradingDeps } from './server/trading-deps.ts';
import type { SimWire } from './in-process/in-process-wire.ts';
import { defaultStart } from './server/default-start.ts';
import { randomCredentials, type SimCredentials } from './server/random-credentials.ts';
import { SIM_DEFAULTS } from './server/sim-defaults.ts';
import { createDataStreamServer } from './server/market-data/data-stream-server.ts';
import { handleMarketDataRest } from './server/market-data/market-data-rest.ts';
import { tradeUpdateJson } from './server/order-json.ts';
import { createTradingStreamServer, tradeUpdateFrame } from './server/trading-stream.ts';
import { createUpdateDelivery } from './server/update-delivery.ts';
import { silentLogger } from '../domain/silent-logger.ts';

export interface SimulatorOptions {
  /**
   * A market to trade on instead of a new one (its seed and symbols then win): a market is deterministic data with
   * memoised days, so many short simulators (the chaos suite's) can share one and generate each day once.
   */
  readonly market?: SyntheticMarketWithInfo;
  /** 0 (default) = any free port. */
  readonly port?: number;
  readonly seed?: number;
  readonly symbols?: readonly string[];
  readonly notFractionable?: readonly string[];
  readonly cash?: number;
  /** Simulated start time (ISO); default 09:25 New York of the latest trading day at or before now. */
  readonly start?: string;
  /** Simulated seconds per wall second; 0 (default) = time moves only through the control API. */
  readonly speed?: number;
  /** The only credentials accepted; each one left out is generated at random (see {@link Simulator.credentials}). */
  readonly key?: string;
  readonly secret?: string;
  readonly spreadBps?: number;
  readonly partialFillRate?: number;
  /** Text instead of binary frames on the trading stream (debugging). */
  readonly textFrames?: boolean;
  /** Wall ms between the clock driver's steps when speed > 0 (default 50); coarser steps cost less under virtual time. */
  readonly clockTickMs?: number;
  /** REST requests per key per wall minute before 429 (Alpaca: 200). Default 10000. */
  readonly rateLimitPerMinute?: number;
  readonly log?: Logger;
}

export interface Simulator {
  readonly urls: {
    readonly rest: string;
    readonly tradingStream: string;
    readonly dataStream: string;
    readonly control: string;
  };
  readonly port: number;
  /** The key id and secret this simulator accepts (given, or generated at start). */
  readonly credentials: SimCredentials;
  readonly exchange: Exchange;
  readonly market: SyntheticMarket;
  /** The same simulator without sockets: REST answered and streams accepted inside the process. */
  readonly wire: SimWire;
  /** Open WebSocket sessions (for tests and the state page). */
  connections(): { readonly trading: number; readonly data: number };
  /** Stops the clock, terminates every socket and closes the server. */
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = options.log ?? silentLogger;
  const seed = options.seed ?? SIM_DEFAULTS.seed;
  // One object read by REST, both streams and the control API: the rotate_credentials fault changes it in place.
  const generated = randomCredentials();
  const credentials = {
    key: options.key ?? generated.key,
    secret: options.secret ?? generated.secret,
  };
  const market =
    options.market ??
    createSyntheticMarket({
      seed,
      ...(options.symbols ? { symbols: options.symbols } : {}),
      ...(options.notFractionable ? { notFractionable: options.notFractionable } : {}),
    });
  const startTs =
    options.start === undefined
      ? defaultStart(market.calendar, Date.now())
      : Date.parse(options.start);
  if (Number.isNaN(startTs))
    throw new RangeError(`start is not an ISO time: ${String(options.start)}`);
  const exchange = createExchange({
    market,
    cash: options.cash ?? SIM_DEFAULTS.cash,
    startTs,
    seed,
    spreadBps: options.spreadBps ?? SIM_DEFAULTS.spreadBps,
    partialFillRate: options.partialFillRate ?? SIM_DEFAULTS.partialFillRate,
  });
  const tradingStream = createTradingStreamServer({
    credentials,
    textFrames: options.textFrames ?? false,
    log: log.child({ component: 'sim-trading-stream' }),
  });
  const dataStream = createDataStreamServer({
    exchange,
    market,
    credentials,
    log: log.child({ component: 'sim-data-stream' }),
  });
  const delivery = createUpdateDelivery<SimTradeUpdate>((u) => {
    tradingStream.broadcast(tradeUpdateFrame(tradeUpdateJson(u)));
  });
  const unsubscribe = exchange.onTradeUpdate((u) => {
    delivery.push(u);
  });
  const serverOptions: SimServerOptions = {
    deps: createTradingDeps(exchange, market, startTs),
    credentials,
    port: options.port ?? 0,
    tradingStream,
    dataStream,
    marketDataRest: (req) =>
      handleMarketDataRest(req, { market, exchange, now: () => exchange.now() }),
    delivery,
    faults: {
      dropStreams(refuseMs) {
        tradingStream.closeAll();
        dataStream.closeAll();
        if (refuseMs > 0) {
          tradingStream.refuseFor(refuseMs);
          dataStream.refuseFor(refuseMs);
        }
      },
      duplicateTradeUpdates: (count) => {
        delivery.duplicateNext(count);
      },
      delayTradeUpdates: (ms) => {
        delivery.delay(ms);
      },
      rotateCredentials: (key, secret) => {
        credentials.key = key;
        credentials.secret = secret;
      },
    },
    rateLimitPerMinute: options.rateLimitPerMinute ?? SIM_DEFAULTS.rateLimitPerMinute,
    log: log.child({ component: 'sim-server' }),
  };
  const answer = createRestAnswer(serverOptions);
  const server = await createSimServer(serverOptions, answer);
  const wire: SimWire = {
    answer,
    hold: () => delivery.hold(),
    accept: (socket, req) =>
      req.path === '/stream' ? tradingStream.accept(socket, req) : dataStream.accept(socket, req),
  };
  const clock = startClockDriver(
    exchange,
    options.speed ?? SIM_DEFAULTS.speed,
    log.child({ component: 'sim-clock' }),
    options.clockTickMs,
  );
  const http = `http://127.0.0.1:${server.port}`;
  const ws = `ws://127.0.0.1:${server.port}`;
  let closing: Promise<void> | undefined;
  return {
    urls: {
      rest: http,
      tradingStream: `${ws}/stream`,
      dataStream: `${ws}/v2/iex`,
      control: `${http}/sim`,
    },
    port: server.port,
    credentials,
    exchange,
    market,
    wire,
    connections: () => ({ trading: tradingStream.connections(), data: dataStream.connections() }),
    close: () =>
      (closing ??= (async () => {
        clock.stop();
        unsubscribe();
        await server.close();
      })()),
  };
}
