/**
 * @module Checkpoint files: a format name, a version, the key of the run they belong to (settings and data),
 * and the run's state. A checkpoint of another run is not resumed (the run starts over); one of another
 * format or version stops the task with a clear message, never a silent misread.
 */
import { readJsonFile, writeJsonFile } from '../io/json-file.ts';

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

export interface CheckpointEnvelope {
  readonly format: string;
  readonly version: number;
  readonly key: string;
  readonly state: unknown;
}

export function saveCheckpoint(
  file: string,
  format: string,
  version: number,
  key: string,
  state: unknown,
): void {
  writeJsonFile(file, { format, version, key, state } satisfies CheckpointEnvelope);
}

/**
 * The saved state when the file exists and belongs to this run (same key); undefined otherwise. The caller
 * knows the state's shape from the format and version checked here.
 */
export function loadCheckpoint(
  file: string,
  format: string,
  version: number,
  key: string,
): unknown {
  let raw: unknown;
  try {
    raw = readJsonFile(file);
  } catch (e) {
    throw new CheckpointError(
      `checkpoint ${file} is unreadable (${e instanceof Error ? e.message : String(e)}); remove it or run with --fresh`,
    );
  }
  if (raw === undefined) return undefined;
  const c = raw as Partial<CheckpointEnvelope>;
  if (c.format !== format || c.version !== version)
    throw new CheckpointError(
      `checkpoint ${file} is ${String(c.format)} version ${String(c.version)}; this strikeline reads ${format} version ${version}: remove it or run with --fresh`,
    );
  return c.key === key ? c.state : undefined;
}
