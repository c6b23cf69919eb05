/** @module What every command starts from: environment, validated config, paths, logs, and on demand the store and mailer. */
import { readEnv, type Env } from '../config/env.ts';
import { loadConfig } from '../config/load-config.ts';
import { pathsFor, type Paths } from '../config/paths.ts';
import type { Config } from '../config/schema.ts';
import { createEventLog, newRunId, type EventLog } from '../adapters/log/event-log.ts';
import { createErrorSink } from '../adapters/log/error-sink.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { createMailer, type AlertMailer } from '../adapters/mail/mailer.ts';
import { makeScrubber, type Scrub } from '../domain/secrets/scrub.ts';
import { openStore } from '../adapters/store/lmdb-store.ts';
import { scrubbedStore } from '../adapters/store/scrubbed-store.ts';
import type { Logger } from '../domain/ports.ts';
import type { Store } from '../domain/store.ts';
import { appendError } from '../records/error-log.ts';

export interface Context {
  readonly command: string;
  readonly env: Env;
  readonly config: Config;
  readonly configSource: string;
  readonly paths: Paths;
  readonly log: Logger;
  readonly events: EventLog;
  /** Removes the environment's secrets; logs, events, the store and the mailer apply it already. */
  readonly scrub: Scrub;
  /** Opened on first use, closed by `close()`. */
  store(): Store;
  mailer(): AlertMailer;
  close(): Promise<void>;
}

export function openContext(command: string): Context {
  const env = readEnv();
  const paths = pathsFor(env.root);
  const { config, source } = loadConfig(paths.config);
  const scrub = makeScrubber(env.secrets);
  let store: Store | undefined;
  let mailer: AlertMailer | undefined;
  const openedStore = (): Store => (store ??= scrubbedStore(openStore(paths.state), scrub));
  const retentionDays = config.logs.retention_days;
  const events = createEventLog(paths.events, newRunId(Date.now()), scrub, Date.now, retentionDays);
  // The error log opens the store only when a WARN+ line arrives, off the logging call's path; an error or
  // critical line is also an ERROR event (seed 002), from the daemon as from any command.
  const errors = createErrorSink({
    append: (r) => {
      if (r.level !== 'warning')
        events.emit('ERROR', {
          source: 'log',
          level: r.level,
          logger: r.logger,
          component: r.component,
          message: r.message,
          error_id: r.id,
        });
      return appendError(openedStore(), r);
    },
    scrub,
    maxQueued: 1000,
  });
  const root = createLogger({ dir: paths.logs, level: env.logLevel, scrub, errors, retentionDays });
  const log = root.log.child({ component: command });
  return {
    command,
    env,
    config,
    configSource: source,
    paths,
    log,
    events,
    scrub,
    store: openedStore,
    mailer: () =>
      (mailer ??= createMailer(
        {
          ...env.smtp,
          email: config.alerts.email,
          sms: config.alerts.sms,
          smsMaxChars: config.alerts.sms_max_chars,
          ignoreTls: isLoopback(env.smtp.host),
          scrub,
        },
        log.child({ component: 'mail' }),
      )),
    async close() {
      await errors.flush();
      if (store !== undefined) await store.close();
      root.close();
    },
  };
}

function isLoopback(host: string | undefined): boolean {
  return host === 'localhost' || host === '::1' || (host?.startsWith('127.') ?? false);
}

/** Runs a command body with a context, closing it whatever happens. */
export async function withContext<T>(
  command: string,
  body: (ctx: Context) => Promise<T>,
): Promise<T> {
  const ctx = openContext(command);
  try {
    return await body(ctx);
  } catch (e) {
    ctx.log.error({ err: e instanceof Error ? e.message : String(e) }, 'command failed');
    ctx.events.emit('ERROR', { command, error: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    await ctx.close();
  }
}
