/** @module pino, JSONL to logs/ one file a day, pretty on a terminal, every secret scrubbed. */
import { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../../domain/ports.ts';
import { dailyFile } from './daily-file.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';

export interface LoggerOptions {
  readonly dir: string;
  readonly level: string;
  /** Applied to every line, in the file and on the terminal. */
  readonly scrub: Scrub;
  /** Pretty lines on stderr as well; default: when stderr is a terminal. */
  readonly pretty?: boolean;
  readonly name?: string;
  /** Receives every WARN+ line (the error log's queue); its lines also carry the caller's `source`. */
  readonly errors?: { write(line: string): void };
  /** Day files older than this many days are removed (config `logs.retention_days`); unset keeps them all. */
  readonly retentionDays?: number;
}

export interface RootLogger {
  readonly log: Logger;
  close(): void;
}

/** Keys whose values are never written, whatever they hold. */
export const REDACT_PATHS = [
  'keyId',
  'secretKey',
  'secret',
  'password',
  'pass',
  'apiKey',
  'authorization',
  '*.keyId',
  '*.secretKey',
  '*.secret',
  '*.password',
  '*.pass',
  '*.apiKey',
  '*.authorization',
  'headers["APCA-API-KEY-ID"]',
  'headers["APCA-API-SECRET-KEY"]',
];

export function createLogger(options: LoggerOptions): RootLogger {
  const { scrub } = options;
  const file = dailyFile(options.dir, options.name ?? 'strikeline', scrub, options.retentionDays);
  const streams: pino.StreamEntry[] = [
    {
      level: 'trace',
      stream: {
        write: (line: string) => {
          file.write(line);
        },
      },
    },
  ];
  if (options.pretty ?? process.stderr.isTTY) {
    const out = pretty({ destination: 2, colorize: true, sync: true, ignore: 'pid,hostname' });
    const scrubbed = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.write(scrub(chunk.toString()));
        done();
      },
    });
    streams.push({ level: options.level as pino.Level, stream: scrubbed });
  }
  const errors = options.errors;
  if (errors !== undefined)
    streams.push({
      level: 'warn',
      stream: {
        write: (line: string) => {
          errors.write(line);
        },
      },
    });
  const logger = pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      base: { pid: process.pid },
      ...(errors === undefined ? {} : { hooks: { logMethod: withSource } }),
    },
    pino.multistream(streams),
  );
  return {
    log: bound(logger, {}),
    close: () => {
      logger.flush();
      file.close();
    },
  };
}

/**
 * A logger whose `child` bindings replace the parent's of the same name. pino's own children append them, so a
 * line would repeat the key (`"component":"stream","component":"clock"`); here every child is made from the root
 * with the merged bindings, and a line has each key once, the nearest child's value winning.
 */
function bound(root: pino.Logger, bindings: Readonly<Record<string, unknown>>): Logger {
  const self = Object.keys(bindings).length === 0 ? root : root.child(bindings);
  return {
    info: (obj, msg) => {
      self.info(obj, msg);
    },
    warn: (obj, msg) => {
      self.warn(obj, msg);
    },
    error: (obj, msg) => {
      self.error(obj, msg);
    },
    debug: (obj, msg) => {
      self.debug(obj, msg);
    },
    child: (more) => bound(root, { ...bindings, ...more }),
  };
}

/** Adds `source: "file:line:col"` of the caller to WARN+ lines (rare, so the stack walk costs nothing that matters). */
function withSource(
  this: pino.Logger,
  args: Parameters<pino.LogFn>,
  method: pino.LogFn,
  level: number,
): void {
  if (level < 40) {
    method.apply(this, args);
    return;
  }
  const source = callerOf(new Error().stack ?? '');
  const [first, ...rest] = args as unknown[];
  const fields =
    first instanceof Error
      ? { err: first }
      : typeof first === 'object' && first !== null
        ? first
        : undefined;
  const merged =
    fields === undefined ? [{ source }, first, ...rest] : [{ ...fields, source }, ...rest];
  method.apply(this, merged as Parameters<pino.LogFn>);
}

/** The first stack frame outside pino and this file. */
function callerOf(stack: string): string | undefined {
  const frame = stack
    .split('\n')
    .slice(1)
    .find(
      (l) =>
        !l.includes('node_modules') && !l.includes('adapters/log/logger') && !l.includes('node:'),
    );
  return /\(?((?:file:\/\/)?\/[^\s()]+:\d+:\d+)\)?\s*$/.exec(frame ?? '')?.[1];
}
