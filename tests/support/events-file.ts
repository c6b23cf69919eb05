/** @module Reads the structured events every command writes (logs/events/events_<run_id>.jsonl) under a root. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EventLine {
  readonly ts: string;
  readonly run_id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Every event line of every run under `root`, file by file. */
export function readEvents(root: string): EventLine[] {
  const dir = join(root, 'logs', 'events');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith('events_') && f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as EventLine),
    );
}
