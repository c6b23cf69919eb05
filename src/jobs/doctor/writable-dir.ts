/** @module Whether a directory takes a new file now: created, written and removed again (a probe, as the real writers do). */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { messageOf } from './doctor-check.ts';

/** Null when writable; else why not. A missing directory is judged by its nearest existing parent (it is created on first use). */
export function whyNotWritable(dir: string, pid = process.pid): string | null {
  let probeDir = dir;
  while (!existsSync(probeDir) && dirname(probeDir) !== probeDir) probeDir = dirname(probeDir);
  const probe = join(probeDir, `.strikeline-doctor-${pid}`);
  try {
    if (probeDir === dir) writeFileSync(probe, '');
    else mkdirSync(probe);
    rmSync(probe, { recursive: true, force: true });
    return null;
  } catch (e) {
    return messageOf(e);
  }
}
