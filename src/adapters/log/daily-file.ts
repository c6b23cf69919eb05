/** @module A log destination that writes one file a day (New York date) and scrubs secrets on the way. */
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export function nyDate(ts: number): string {
  return new Date(ts).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
}

export interface DailyFile {
  write(line: string): void;
  close(): void;
}

/** Synchronous appends: a crash loses no line already logged. */
export function dailyFile(dir: string, prefix: string, scrub: Scrub): DailyFile {
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
      }
      writeSync(fd, scrub(line));
    },
    close() {
      if (fd >= 0) closeSync(fd);
      fd = -1;
    },
  };
}
