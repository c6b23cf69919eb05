/**
 * @module The error log's queue: the logger hands it each WARN+ line synchronously and it returns at once;
 * the records are written to the store later, in order, off the caller's path (seed 001: never block the daemon).
 */
import { errorId, type ErrorRecord } from '../../domain/error-record.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { errorFromLine } from './error-line.ts';

export interface ErrorSinkOptions {
  /** Writes one record; called off the logging path, one batch at a time. */
  readonly append: (record: ErrorRecord) => Promise<void>;
  readonly scrub: Scrub;
  /** Records waiting beyond this are dropped (and counted): a storm of warnings must not eat the memory. */
  readonly maxQueued: number;
}

export interface ErrorSink {
  /** Takes one pino JSON line; never throws, never waits. */
  write(line: string): void;
  /** Resolves once everything queued so far is written (or failed). */
  flush(): Promise<void>;
  /** Records dropped because the queue was full, and writes that failed. */
  readonly lost: () => number;
}

export function createErrorSink(options: ErrorSinkOptions): ErrorSink {
  const queue: ErrorRecord[] = [];
  let seq = 0;
  let lost = 0;
  let draining: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    // Yield first, so the logging call returns before any store work starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.splice(0);
      const results = await Promise.allSettled(batch.map((r) => options.append(r)));
      lost += results.filter((r) => r.status === 'rejected').length;
    }
    draining = undefined;
  };

  return {
    write(line) {
      const record = errorFromLine(options.scrub(line), (ts, pid) => errorId(ts, pid, (seq += 1)));
      if (record === undefined) return;
      if (queue.length >= options.maxQueued) {
        lost += 1;
        return;
      }
      queue.push(record);
      draining ??= drain();
    },
    flush: () => draining ?? Promise.resolve(),
    lost: () => lost,
  };
}
