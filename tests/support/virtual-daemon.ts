/**
 * Test support: the daemon and the simulator in one process with no sockets and virtual time. The official SDK,
 * the Alpaca adapter, the daemon's pipelines and the simulator's REST and stream servers all run for real over
 * the simulator's in-process wire; vitest's fake timers move time, so a trading day's timers (60 s audits, retry
 * backoffs, Retry-After) take no wall time and every run of a seed is the same. LMDB is real, in a temp root.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, lastValueFrom, tap, toArray } from 'rxjs';
import { vi } from 'vitest';
import { createAlpaca } from '../../src/adapters/alpaca/create-alpaca.ts';
import { configSchema, type Config } from '../../src/config/schema.ts';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import { createEventLog, newRunId } from '../../src/adapters/log/event-log.ts';
import { createLogger } from '../../src/adapters/log/logger.ts';
import { makeScrubber } from '../../src/domain/secrets/scrub.ts';
import { createMailer } from '../../src/adapters/mail/mailer.ts';
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import { scrubbedStore } from '../../src/adapters/store/scrubbed-store.ts';
import { settledStore, type SettledStore } from './settled-store.ts';
import type { Alert, Broker, Logger, Mailer } from '../../src/domain/ports.ts';
import { silentLogger } from '../../src/domain/silent-logger.ts';
import {
  inProcessWire,
  type InProcessWireOptions,
} from '../../src/sim/in-process/in-process-wire.ts';
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/sim/start-simulator.ts';
import { daemonStream, type DaemonOutput } from '../../src/streams/daemon/daemon-stream.ts';
import { composeDaemon } from '../../src/cli/compose.ts';

export const V_KEY = 'PKVIRTUALTESTKEY';
export const V_SECRET = 'virtual-test-secret-0123456789';
/** Wednesday 2024-05-01, 09:31 New York: the session is open. */
export const V_OPEN = '2024-05-01T13:31:00Z';

export interface VirtualDaemon {
  readonly events: DaemonOutput[];
  readonly store: SettledStore;
  /** Every event with the virtual time it came out at (for failure traces). */
  readonly timeline: Array<{ readonly at: number; readonly event: DaemonOutput }>;
  readonly alerts: Alert[];
  /** Stops it as SIGTERM does: the pipelines end, the store closes. */
  stop(): Promise<void>;
  /** Drops it as SIGKILL would: the pipelines are cut off; nothing more is written. */
  crash(): Promise<void>;
}

export interface VirtualHarness {
  readonly sim: Simulator;
  readonly root: string;
  /** A second client of the account (the user), over the same wire but without its faults. */
  readonly user: Broker;
  /** The run's logger: pino JSONL under root/logs, secrets scrubbed as in production. */
  readonly log: Logger;
  /** The production mailer with no SMTP configured: alerts are scrubbed and logged (what a box without SMTP does). */
  readonly mailer: Mailer;
  /** A client of the account over a wire of its own (a job's: `trade`, `halt`), with those faults. */
  brokerOver(wire?: InProcessWireOptions): Broker;
  startDaemon(config?: Record<string, unknown>): VirtualDaemon;
  /** Moves virtual time: the simulator's clock (speed 1) and every timer of the daemon and the SDK. */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export interface VirtualHarnessOptions {
  readonly sim?: SimulatorOptions;
  /** The daemon's wire (faults); the user's wire is always clean. */
  readonly wire?: InProcessWireOptions;
  readonly at?: string;
  /** The box's wall clock at the start, when it should differ from the broker's (default: the same). */
  readonly wallStart?: string;
}

/** Real time (captured before timers are faked): LMDB commits on it. */
const realImmediate = setImmediate;
const realTurn = (): Promise<void> => new Promise((resolve) => realImmediate(resolve));

async function untilCommitted(daemons: readonly VirtualDaemon[]): Promise<void> {
  for (let i = 0; i < 100_000 && daemons.some((d) => d.store.pending() > 0); i += 1)
    await realTurn();
}

export async function startVirtualHarness(
  options: VirtualHarnessOptions = {},
): Promise<VirtualHarness> {
  const at = options.at ?? V_OPEN;
  vi.useFakeTimers({
    now: Date.parse(options.wallStart ?? at),
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'Date',
      'performance',
    ],
  });
  const sim = await startSimulator({
    key: V_KEY,
    secret: V_SECRET,
    start: at,
    speed: 1,
    seed: 42,
    partialFillRate: 0,
    ...options.sim,
  });
  // Real LMDB on a RAM disk where the machine has one: its commits (fsync) are the schedules' dearest I/O.
  const root = mkdtempSync(
    join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'strikeline-virtual-'),
  );
  const urls = {
    endpoint: 'http://sim.invalid',
    dataEndpoint: 'http://sim.invalid',
    streamUrl: 'ws://sim.invalid/stream',
    dataStreamUrl: 'ws://sim.invalid/v2/iex',
  };
  const credentials = { keyId: V_KEY, secretKey: V_SECRET };
  const user = createAlpaca({
    ...credentials,
    ...urls,
    log: silentLogger,
    transport: inProcessWire(sim.wire),
  }).broker;
  const scrub = makeScrubber([V_KEY, V_SECRET]);
  const logger = createLogger({ dir: join(root, 'logs'), level: 'debug', scrub, pretty: false });
  const eventLog = createEventLog(join(root, 'logs', 'events'), newRunId(Date.now()), scrub);
  const mailer = createMailer(
    {
      host: undefined,
      port: 587,
      user: undefined,
      pass: undefined,
      emailTo: undefined,
      smsTo: undefined,
      email: true,
      sms: true,
      smsMaxChars: 160,
      scrub,
    },
    logger.log.child({ component: 'alerts' }),
  );
  const daemons: VirtualDaemon[] = [];

  const startDaemon = (overrides: Record<string, unknown> = {}): VirtualDaemon => {
    const config: Config = configSchema.parse(overrides);
    // As every command opens it: every text value written is scrubbed (src/cli/context.ts).
    const store = settledStore(scrubbedStore(openStore(join(root, 'state')), scrub));
    const alerts: Alert[] = [];
    const adapters = createAlpaca({
      ...credentials,
      ...urls,
      log: silentLogger,
      transport: inProcessWire(sim.wire, options.wire),
    });
    const shutdown$ = new Subject<void>();
    const { deps, clock } = composeDaemon({
      alpaca: adapters,
      store,
      mailer: {
        alert: (a) => {
          alerts.push(a);
          return mailer.alert(a);
        },
      },
      log: logger.log.child({ component: 'stream' }),
      events: eventLog,
      config,
      killSwitch: createFileKillSwitch({
        path: join(root, 'killswitch', 'HALT'),
        tradingDisabled: false,
      }),
      shutdown$,
    });
    const events: DaemonOutput[] = [];
    const timeline: Array<{ at: number; event: DaemonOutput }> = [];
    const sub = daemonStream(deps, { clock }).pipe(
      tap((e) => {
        events.push(e);
        timeline.push({ at: Date.now(), event: e });
      }),
      toArray(),
    );
    const done = lastValueFrom(sub);
    let crashed = false;
    const daemon: VirtualDaemon = {
      events,
      timeline,
      alerts,
      store,
      stop: async () => {
        shutdown$.next();
        await done;
        await store.close();
      },
      crash: async () => {
        if (crashed) return;
        crashed = true;
        shutdown$.next();
        await done.catch(() => undefined);
        await store.close();
      },
    };
    daemons.push(daemon);
    return daemon;
  };

  return {
    sim,
    root,
    user,
    log: logger.log,
    mailer,
    brokerOver: (wire) =>
      createAlpaca({
        ...credentials,
        ...urls,
        log: silentLogger,
        transport: inProcessWire(sim.wire, wire),
      }).broker,
    startDaemon,
    advance: async (ms) => {
      // The disk first: virtual time never passes while LMDB commits (see settled-store.ts).
      await untilCommitted(daemons);
      await vi.advanceTimersByTimeAsync(ms);
    },
    stop: async () => {
      // Virtual time keeps moving while each daemon stops: its last in-flight work may wait on the broker's timers.
      for (const d of daemons) {
        const state = { done: false };
        const stopped = d
          .stop()
          .catch(() => undefined)
          .finally(() => {
            state.done = true;
          });
        for (let i = 0; i < 10_000 && !state.done; i += 1) {
          await untilCommitted(daemons);
          await vi.advanceTimersByTimeAsync(10);
          await realTurn();
        }
        await stopped;
      }
      logger.close();
      vi.useRealTimers();
      await sim.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
