/**
 * Test support for the daemon: the simulator in-process, the daemon in-process (the real adapter, the SDK, real
 * sockets, LMDB in a temp root, pino to logs/), a user broker to place entries, and the collected events.
 */
import { join } from 'node:path';
import { Subject, lastValueFrom, tap, toArray } from 'rxjs';
import { createAlpaca } from '../../../src/adapters/alpaca/create-alpaca.ts';
import { deriveUrls } from '../../../src/config/env.ts';
import { configSchema, type Config } from '../../../src/config/schema.ts';
import { createFileKillSwitch } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { Broker, Mailer, Alert } from '../../../src/domain/ports.ts';
import type { OrderReport, SubmitOrder } from '../../../src/domain/orders.ts';
import type { Store } from '../../../src/domain/store.ts';
import { qty as toQty } from '../../../src/domain/money.ts';
import {
  daemonStream,
  type DaemonOptions,
  type DaemonOutput,
} from '../../../src/streams/daemon/daemon-stream.ts';
import { composeDaemon } from '../../../src/cli/compose.ts';
import type { PhasePorts } from '../../../src/streams/phases/phase-tasks.ts';
import {
  control,
  startTestSimulator,
  TEST_KEY,
  TEST_SECRET,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';
import type { SimulatorOptions } from '../../../src/sim/start-simulator.ts';

/** 2024-05-01 09:31 New York: the session is open. */
export const OPEN_TS = '2024-05-01T13:31:00Z';

/** Fast timers for tests; everything else is the shipped default. */
export const FAST_PROTECTION = {
  audit_interval_ms: 1_000,
  timer_interval_ms: 200,
  clock_sync_ms: 1_000,
  unknown_order_timeout_ms: 500,
  exit_retry_ms: 60_000,
};

export interface Daemon {
  readonly events: DaemonOutput[];
  /** Structured events (logs/events/ in production), in order. */
  readonly emitted: Array<{ type: string; fields: Record<string, unknown> }>;
  readonly alerts: Alert[];
  readonly store: Store;
  readonly done: Promise<DaemonOutput[]>;
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** How a daemon differs from the default one: other credentials or URLs (a wrong key, an unreachable broker), daemon options. */
export interface DaemonVariant {
  readonly keyId?: string;
  readonly secret?: string;
  readonly endpoint?: string;
  readonly options?: Omit<DaemonOptions, 'clock'>;
  /** Config sections beside `protection` (e.g. `phases`, `circuit_breakers`), as config.yaml would state them. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The orchestrator's ports over the daemon's store (docs/phases.md); without them no phase task runs. */
  readonly phases?: (store: Store) => PhasePorts;
  /** A real mailer (an SMTP server in the test) instead of the in-memory one. */
  readonly mailer?: Mailer;
}

export interface Harness {
  readonly t: TestSimulator;
  readonly ctl: ReturnType<typeof control>;
  /** A second client of the same account (the user, or `strikeline trade`). */
  readonly user: Broker;
  readonly logs: string;
  startDaemon(overrides?: Partial<Config['protection']>, variant?: DaemonVariant): Daemon;
  buy(symbol: string, qty: number, clientOrderId?: string): Promise<OrderReport>;
  openOrders(symbol?: string): Promise<OrderReport[]>;
  position(symbol: string): Promise<number>;
  stop(): Promise<void>;
}

let seq = 0;

/** A simulator at `at` (default: just after the open) and a harness to start daemons against it. */
export async function startHarness(
  simOptions: SimulatorOptions = {},
  at: string = OPEN_TS,
): Promise<Harness> {
  const t = await startTestSimulator(simOptions);
  const ctl = control(t.sim);
  await ctl.clock({ to: at, quiet: true });
  const logs = join(t.root, 'logs');
  const root = createLogger({
    dir: logs,
    level: 'debug',
    scrub: makeScrubber([TEST_KEY, TEST_SECRET]),
    pretty: false,
  });
  const urls = {
    endpoint: t.sim.urls.rest,
    dataEndpoint: t.sim.urls.rest,
    streamUrl: t.sim.urls.tradingStream,
    dataStreamUrl: t.sim.urls.dataStream,
  };
  const user = createAlpaca({
    keyId: TEST_KEY,
    secretKey: TEST_SECRET,
    ...urls,
    log: root.log.child({ component: 'user' }),
  }).broker;
  const daemons: Daemon[] = [];

  const startDaemon = (
    overrides: Partial<Config['protection']> = {},
    variant: DaemonVariant = {},
  ): Daemon => {
    const config = configSchema.parse({
      ...variant.config,
      protection: { ...FAST_PROTECTION, ...overrides },
    });
    const store = openStore(join(t.root, 'state'));
    const alerts: Alert[] = [];
    const mailer: Mailer = {
      alert: (a) => {
        alerts.push(a);
        return variant.mailer?.alert(a) ?? Promise.resolve();
      },
    };
    const emitted: Daemon['emitted'] = [];
    const log = root.log.child({ component: 'stream' });
    const daemonUrls =
      variant.endpoint === undefined
        ? urls
        : { endpoint: variant.endpoint, ...deriveUrls(variant.endpoint) };
    const adapters = createAlpaca({
      keyId: variant.keyId ?? TEST_KEY,
      secretKey: variant.secret ?? TEST_SECRET,
      ...daemonUrls,
      log,
    });
    const shutdown$ = new Subject<void>();
    const { deps, clock } = composeDaemon({
      alpaca: adapters,
      store,
      mailer,
      log,
      events: {
        emit: (type, fields = {}) => {
          emitted.push({ type, fields });
        },
      },
      config,
      killSwitch: createFileKillSwitch({
        path: join(t.root, 'killswitch', 'HALT'),
        tradingDisabled: false,
      }),
      shutdown$,
    });
    const events: DaemonOutput[] = [];
    const done = lastValueFrom(
      daemonStream(deps, {
        ...variant.options,
        ...(variant.phases === undefined ? {} : { phases: variant.phases(store) }),
        clock,
      }).pipe(
        tap((e) => events.push(e)),
        toArray(),
      ),
    );
    // A test that expects the daemon to fail awaits `done` itself; nothing else may see an unhandled rejection.
    void done.catch(() => undefined);
    const daemon: Daemon = {
      events,
      emitted,
      alerts,
      store,
      done,
      ready: async () => {
        await waitFor(
          () => events.some((e) => e.kind === 'Ready'),
          10_000,
          'the daemon to be ready',
        );
      },
      stop: async () => {
        shutdown$.next();
        try {
          await done;
        } finally {
          await store.close();
        }
      },
    };
    daemons.push(daemon);
    return daemon;
  };

  return {
    t,
    ctl,
    user,
    logs,
    startDaemon,
    buy: (symbol, qty, clientOrderId) => {
      seq += 1;
      const order: SubmitOrder = {
        kind: 'SubmitOrder',
        clientOrderId: clientOrderId ?? `sl-entry-test-${symbol}-${Date.now()}-${seq}`,
        symbol,
        side: 'buy',
        type: 'market',
        timeInForce: 'day',
        qty: toQty(qty),
        reason: 'test entry',
      };
      return user.submitOrder(order);
    },
    openOrders: (symbol) =>
      user.listOrders({
        status: 'open',
        nested: true,
        ...(symbol === undefined ? {} : { symbols: [symbol] }),
      }),
    position: async (symbol) =>
      (await user.listPositions()).find((p) => p.symbol === symbol)?.qty ?? 0,
    stop: async () => {
      for (const d of daemons) await d.stop().catch(() => undefined);
      root.close();
      await t.stop();
    },
  };
}
