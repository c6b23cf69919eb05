/** @module A log destination that writes one file a day (New York date) and scrubs secrets on the way. */
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';
import { pruneOldFiles } from './prune-old-files.ts';

export function nyDate(ts: number): string {
  return new Date(ts).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
}

export interface DailyFile {
  write(line: string): void;
  close(): void;
}

/**
 * Synchronous appends: a crash loses no line already logged. With `retentionDays`, each new day's file (the
 * first line of a run, then each midnight of a daemon that runs for weeks) removes the day files older than that.
 */
export function dailyFile(
  dir: string,
  prefix: string,
  scrub: Scrub,
  retentionDays?: number,
): DailyFile {
  mkdirSync(dir, { recursive: true });
  let day = '';
  let fd = -1;
  return {
    write(line: string) {
      const today = nyDate(epochNow());
      if (today !== day) {
        if (fd >= 0) closeSync(fd);
        fd = openSync(join(dir, `${prefix}-${today}.jsonl`), 'a');
        day = today;
        if (retentionDays !== undefined) pruneOldFiles(dir, retentionDays, epochNow());
      }
      writeSync(fd, scrub(line));
    },
    close() {
      if (fd >= 0) closeSync(fd);
      fd = -1;
    },
  };
}
