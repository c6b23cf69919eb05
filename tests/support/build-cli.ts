/**
 * @module Vitest's global setup: the CLI's build (bin/build.js) for the sources as they are, made once before any
 * test spawns `strikeline`, so the tests run the same precompiled JavaScript as users and CI, and the first
 * tests to start do not all wait on one builder.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './run-cli.ts';

export default function buildCli(): void {
  try {
    execFileSync(process.execPath, [join(REPO, 'bin', 'build.js')], { cwd: REPO, stdio: 'pipe' });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    throw new Error(`the CLI did not build: ${stderr === '' ? String(e) : stderr}`);
  }
}
