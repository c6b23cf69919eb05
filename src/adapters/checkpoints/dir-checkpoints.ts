/**
 * @module OVERNIGHT checkpoints in `checkpoints/<YYYY-MM-DD>/`: LMDB's consistent copy of the state store, written
 * beside its final name and renamed into place, so a folder with a date is always a whole copy (a crash mid-copy
 * leaves only a `.partial` folder, removed by the next take).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoints } from '../../domain/phases/phase-ports.ts';
import type { Store } from '../../domain/store.ts';
import { addDays } from '../../domain/time/ny-time.ts';

const DAY_DIR = /^\d{4}-\d{2}-\d{2}$/;

const bytesIn = (dir: string): number =>
  readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

export function dirCheckpoints(root: string, store: Store): Checkpoints {
  return {
    async take(day) {
      if (!DAY_DIR.test(day)) throw new Error(`a checkpoint's day is a date (YYYY-MM-DD): ${day}`);
      const dir = join(root, day);
      if (existsSync(dir)) return { day, dir, bytes: bytesIn(dir), fresh: false };
      mkdirSync(root, { recursive: true });
      const partial = `${dir}.partial`;
      rmSync(partial, { recursive: true, force: true });
      await store.backup(partial);
      renameSync(partial, dir);
      return { day, dir, bytes: bytesIn(dir), fresh: true };
    },
    prune(today, keepDays) {
      if (!existsSync(root)) return Promise.resolve([]);
      const oldest = addDays(today, -keepDays);
      const removed = readdirSync(root)
        .filter((name) => DAY_DIR.test(name) && name < oldest)
        .sort();
      for (const day of removed) rmSync(join(root, day), { recursive: true, force: true });
      return Promise.resolve(removed);
    },
  };
}
