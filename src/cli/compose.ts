/** @module The only place that constructs adapters from the environment and configuration (STYLE §1). */
import type PQueue from 'p-queue';
import type { Observable } from 'rxjs';
import { createAlpaca, type AlpacaAdapters } from '../adapters/alpaca/create-alpaca.ts';
import { createBrokerClock } from '../adapters/clock/broker-clock.ts';
import {
  createFileKillSwitch,
  type FileKillSwitch,
} from '../adapters/killswitch/file-kill-switch.ts';
import { requireCredentials } from '../config/env.ts';
import type { Config } from '../config/schema.ts';
import type { EventSink, KillSwitch, Logger, Mailer } from '../domain/ports.ts';
import type { Store } from '../domain/store.ts';
import type { SyncedClock } from '../domain/time/market-session.ts';
import { modelUpProbability } from '../scanner/ml/model-up-probability.ts';
import type { Deps } from '../streams/deps.ts';
import { createRestQueue, prioritizedBroker } from '../streams/daemon/rest-queue.ts';
import type { Context } from './context.ts';

/** The broker and its two streams, pointed at ALPACA_ENDPOINT (Alpaca or the simulator). */
export function composeAlpaca(ctx: Context): AlpacaAdapters {
  const { keyId, secretKey } = requireCredentials(ctx.env);
  return createAlpaca({
    keyId,
    secretKey,
    endpoint: ctx.env.endpoint,
    dataEndpoint: ctx.env.dataEndpoint,
    streamUrl: ctx.env.streamUrl,
    dataStreamUrl: ctx.env.dataStreamUrl,
    requestsPerMinute: ctx.config.broker.requests_per_minute,
    dataFeed: ctx.config.broker.data_feed,
    log: ctx.log.child({ component: 'alpaca' }),
    scrub: ctx.scrub,
  });
}

/** The kill switch of this root: killswitch/HALT, or TRADING_DISABLED; `who` is recorded when it engages. */
export function composeKillSwitch(ctx: Context, who?: string): FileKillSwitch {
  return createFileKillSwitch({
    path: ctx.paths.halt,
    tradingDisabled: ctx.env.tradingDisabled,
    scrub: ctx.scrub,
    ...(who === undefined ? {} : { who }),
  });
}

/** What the daemon is made of besides the broker's queue and clock: the caller's adapters and settings. */
export interface DaemonParts {
  readonly alpaca: AlpacaAdapters;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly log: Logger;
  readonly events: EventSink;
  readonly config: Config;
  readonly killSwitch: KillSwitch;
  readonly shutdown$: Observable<unknown>;
}

export interface ComposedDaemon {
  readonly deps: Deps;
  /** The broker's clock (synced from its answers), which the daemon stream also drives. */
  readonly clock: SyncedClock;
  /** Every REST call of the daemon goes through it, by priority, within the broker's rate limit. */
  readonly queue: PQueue;
}

/**
 * The daemon's dependencies, wired one way for `strikeline stream`, the tests' daemons and the benchmarks: the
 * broker behind the prioritised REST queue (protective orders first), the clock the broker's.
 */
export function composeDaemon(
  parts: DaemonParts,
  queue: PQueue = createRestQueue({ requestsPerMinute: parts.config.broker.requests_per_minute }),
): ComposedDaemon {
  const clock = createBrokerClock();
  const { alpaca, ...rest } = parts;
  const mlModel = modelUpProbability(parts.config.scanner.history_years);
  const deps: Deps = {
    ...rest,
    broker: prioritizedBroker(alpaca.broker, queue),
    tradeFeed: alpaca.tradeFeed,
    marketFeed: alpaca.marketFeed,
    clock,
    mlModel,
  };
  return { deps, clock, queue };
}
