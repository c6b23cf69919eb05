/** @module `strikeline stream`: runs the daemon in the foreground until SIGINT/SIGTERM (systemd, tmux or a terminal). */
import type { Command } from 'commander';
import type PQueue from 'p-queue';
import { ReplaySubject, lastValueFrom, tap } from 'rxjs';
import { createBrokerClock } from '../adapters/clock/broker-clock.ts';
import type { Deps } from '../streams/deps.ts';
import { daemonStream } from '../streams/daemon-stream.ts';
import { readDaemonStatus, writeDaemonStatus } from '../streams/daemon-status.ts';
import { createRestQueue, prioritizedBroker } from '../streams/rest-queue.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext, type Context } from './context.ts';

/** In-flight requests get this long to finish after a stop signal, before the pipelines stop and again before the store closes. */
const DRAIN_MS = 5_000;

/**
 * The stop signal reaches the pipelines once the orders already sent are answered (at most DRAIN_MS): their
 * answers, and the journal entries a step holds back while its order is on the wire, are still written.
 */
function shutdownSignal(ctx: Context, queue: PQueue): ReplaySubject<string> {
  const shutdown$ = new ReplaySubject<string>(1);
  const stop = (signal: string) => () => {
    ctx.log.info({ signal }, 'daemon stopping');
    void settleInFlight(queue).then(() => {
      shutdown$.next(signal);
      shutdown$.complete();
    });
  };
  process.once('SIGINT', stop('SIGINT'));
  process.once('SIGTERM', stop('SIGTERM'));
  return shutdown$;
}

async function settleInFlight(queue: PQueue): Promise<void> {
  await Promise.race([queue.onIdle(), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
  // Two check phases: the answer's outcome releases the held bookkeeping, which runs on the next one.
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function runDaemon(ctx: Context): Promise<void> {
  const adapters = composeAlpaca(ctx);
  const queue = createRestQueue({ requestsPerMinute: ctx.config.broker.requests_per_minute });
  const clock = createBrokerClock();
  const store = ctx.store();
  const deps: Deps = {
    broker: prioritizedBroker(adapters.broker, queue),
    tradeFeed: adapters.tradeFeed,
    marketFeed: adapters.marketFeed,
    store,
    mailer: ctx.mailer(),
    clock,
    log: ctx.log,
    events: ctx.events,
    config: ctx.config,
    killSwitch: composeKillSwitch(ctx),
    shutdown$: shutdownSignal(ctx, queue),
  };
  ctx.events.emit('RUN_STARTED', { command: 'stream', pid: process.pid });
  await lastValueFrom(
    daemonStream(deps, { clock }).pipe(
      tap((e) => {
        if (e.kind !== 'Ready') return;
        const line = { event: 'ready', pid: process.pid, rest: ctx.env.endpoint, tradingStream: ctx.env.streamUrl, dataStream: ctx.env.dataStreamUrl, root: ctx.env.root };
        process.stdout.write(`${JSON.stringify(line)}\n`);
        ctx.log.info(line, 'daemon ready');
      }),
    ),
    { defaultValue: undefined },
  );
  // Stopped: let requests already sent be answered, then mark the status and let the store close.
  await Promise.race([queue.onIdle(), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
  const status = readDaemonStatus(store);
  if (status !== undefined) await writeDaemonStatus(store, { ...status, stopped: true, tsHeartbeat: Date.now() });
  ctx.events.emit('RUN_FINISHED', { command: 'stream', pid: process.pid });
  ctx.log.info({}, 'daemon stopped');
}

export function registerStream(program: Command): void {
  program
    .command('stream')
    .description('run the protective daemon: protects every fill at once (OCO + fractional stop), soft exits, audits; until SIGINT/SIGTERM')
    .addHelpText('after', '\nPrints {"event":"ready",...} on stdout once both streams are connected and the first audit is done.\nLogs: logs/strikeline-<date>.jsonl. See docs/daemon.md.')
    .action(async () => {
      await withContext('stream', runDaemon);
    });
}
