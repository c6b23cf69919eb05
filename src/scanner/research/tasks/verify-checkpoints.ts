/**
 * @module The deployment checklist's "checkpoints load" (seed 001: 4 of 4 verified): every checkpoint file of a
 * kind is read and checked for its format, version and a state; what fails is listed with why.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../io/json-file.ts';

export interface CheckpointCheck {
  readonly found: number;
  readonly loaded: number;
  readonly problems: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
}

export function verifyCheckpoints(dir: string, format: string, version: number): CheckpointCheck {
  if (!existsSync(dir)) return { found: 0, loaded: 0, problems: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const problems: Array<{ file: string; reason: string }> = [];
  for (const f of files) {
    try {
      const raw = readJsonFile(join(dir, f)) as
        { format?: unknown; version?: unknown; state?: unknown } | undefined;
      if (raw?.format !== format || raw.version !== version)
        problems.push({
          file: f,
          reason: `${String(raw?.format)} version ${String(raw?.version)}, expected ${format} version ${version}`,
        });
      else if (raw.state === null || typeof raw.state !== 'object')
        problems.push({ file: f, reason: 'no state' });
    } catch (e) {
      problems.push({ file: f, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { found: files.length, loaded: files.length - problems.length, problems };
}
