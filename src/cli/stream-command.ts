/** @module `strikeline stream`: runs the daemon in the foreground until SIGINT/SIGTERM (systemd, tmux or a terminal). */
import type { Command } from 'commander';
import type PQueue from 'p-queue';
import { ReplaySubject, lastValueFrom, tap } from 'rxjs';
import { acquireRootLock } from '../adapters/lock/root-lock.ts';
import { isCredentialsRefused } from '../domain/broker-error.ts';
import type { Store } from '../domain/store.ts';
import { daemonStream } from '../streams/daemon/daemon-stream.ts';
import {
  readDaemonStatus,
  writeDaemonStatus,
  type DaemonStatus,
} from '../records/daemon-status.ts';
import { createRestQueue } from '../streams/daemon/rest-queue.ts';
import { composeAlpaca, composeDaemon, composeKillSwitch } from './compose.ts';
import { composePhasePorts } from './compose-phases.ts';
import { withContext, type Context } from './context.ts';

/** In-flight requests get this long to finish after a stop signal, before the pipelines stop and again before the store closes. */
const DRAIN_MS = 5_000;
/** After a failure the process exits even if a socket or timer would keep it alive: its supervisor restarts it. */
const EXIT_BACKSTOP_MS = 3_000;

/**
 * The stop signal reaches the pipelines once the orders already sent are answered (at most DRAIN_MS): their
 * answers, and the journal entries a step holds back while its order is on the wire, are still written.
 */
function shutdownSignal(
  ctx: Context,
  queue: PQueue,
): { shutdown$: ReplaySubject<string>; requested: () => boolean } {
  const shutdown$ = new ReplaySubject<string>(1);
  let requested = false;
  const stop = (signal: string) => () => {
    requested = true;
    ctx.log.info({ signal }, 'daemon stopping');
    void settleInFlight(queue).then(() => {
      shutdown$.next(signal);
      shutdown$.complete();
    });
  };
  process.once('SIGINT', stop('SIGINT'));
  process.once('SIGTERM', stop('SIGTERM'));
  return { shutdown$, requested: () => requested };
}

async function settleInFlight(queue: PQueue): Promise<void> {
  await Promise.race([
    queue.onIdle(),
    new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
  ]);
  // Two check phases: the answer's outcome releases the held bookkeeping, which runs on the next one.
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** The one line the daemon exits with; refused credentials say what to check. */
function failureLine(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return isCredentialsRefused(e)
    ? `${message}; check ALPACA_API_KEY and ALPACA_SECRET_KEY, then restart the daemon`
    : message;
}

async function markStopped(
  ctx: Context,
  store: Store,
  change: Partial<DaemonStatus>,
): Promise<void> {
  try {
    const status = readDaemonStatus(store);
    if (status !== undefined)
      await writeDaemonStatus(store, {
        ...status,
        ...change,
        stopped: true,
        tsHeartbeat: Date.now(),
      });
  } catch (e) {
    ctx.log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      'daemon status could not be marked stopped',
    );
  }
}

/** One daemon per root: the lock first, before anything is written, then the daemon, then the lock's release. */
async function runDaemon(ctx: Context): Promise<void> {
  const lock = await acquireRootLock(ctx.env.root);
  try {
    await protect(ctx);
  } finally {
    await lock.release();
  }
}

async function protect(ctx: Context): Promise<void> {
  const queue = createRestQueue({ requestsPerMinute: ctx.config.broker.requests_per_minute });
  const store = ctx.store();
  const stop = shutdownSignal(ctx, queue);
  const { deps, clock } = composeDaemon(
    {
      alpaca: composeAlpaca(ctx),
      store,
      mailer: ctx.mailer(),
      log: ctx.log,
      events: ctx.events,
      config: ctx.config,
      killSwitch: composeKillSwitch(ctx),
      shutdown$: stop.shutdown$,
    },
    queue,
  );
  ctx.events.emit('RUN_STARTED', { command: 'stream', pid: process.pid });
  try {
    await lastValueFrom(
      daemonStream(deps, {
        clock,
        phases: composePhasePorts(ctx, store),
        ...(ctx.env.tradingCapital === undefined ? {} : { tradingCapital: ctx.env.tradingCapital }),
      }).pipe(
        tap((e) => {
          if (e.kind !== 'Ready') return;
          const line = {
            event: 'ready',
            pid: process.pid,
            rest: ctx.env.endpoint,
            tradingStream: ctx.env.streamUrl,
            dataStream: ctx.env.dataStreamUrl,
            root: ctx.env.root,
          };
          process.stdout.write(`${JSON.stringify(line)}\n`);
          ctx.log.info(line, 'daemon ready');
        }),
      ),
      { defaultValue: undefined },
    );
    // The pipelines end only on a stop signal: anything else is a failure, never a silent exit 0.
    if (!stop.requested())
      throw new Error(
        'the daemon pipelines ended without a stop signal: exiting for the supervisor to restart the daemon',
      );
  } catch (e) {
    // Recorded for `strikeline status` (scrubbed: broker errors may quote what was sent), then the one line.
    const line = ctx.scrub(failureLine(e));
    await markStopped(ctx, store, {
      failure: line,
      ...(isCredentialsRefused(e) ? { credentials: 'refused' as const } : {}),
    });
    ctx.events.emit('ERROR', { command: 'stream', pid: process.pid, error: line });
    throw new Error(line, { cause: e });
  }
  // Stopped: let requests already sent be answered, then mark the status and let the store close.
  await Promise.race([
    queue.onIdle(),
    new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
  ]);
  await markStopped(ctx, store, {});
  ctx.events.emit('RUN_FINISHED', { command: 'stream', pid: process.pid });
  ctx.log.info({}, 'daemon stopped');
}

export function registerStream(program: Command): void {
  program
    .command('stream')
    .description(
      'run the protective daemon: protects every fill at once (OCO + fractional stop), soft exits, audits; until SIGINT/SIGTERM',
    )
    .addHelpText(
      'after',
      '\nPrints {"event":"ready",...} on stdout once both streams are connected and the first audit is done.\nLogs: logs/strikeline-<date>.jsonl. See docs/daemon.md.',
    )
    .action(async () => {
      try {
        await withContext('stream', runDaemon);
      } catch (e) {
        setTimeout(() => process.exit(), EXIT_BACKSTOP_MS).unref();
        throw e;
      }
    });
}
