/**
 * The root lock (one daemon per TRADING_SYSTEM_ROOT): exclusive, names its holder, reached by any path to the
 * same directory, released by release() and by the kernel when its holder dies, SIGKILL included.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../src/adapters/lock/process-alive.ts';
import {
  acquireRootLock,
  probeRootLock,
  RootLockedError,
} from '../../../src/adapters/lock/root-lock.ts';
import { REPO } from '../../support/run-cli.ts';
import { waitFor } from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = makeTempRoot('strikeline-lock-'));
});
afterEach(() => {
  cleanup();
});

/** Another process that takes the lock and keeps it until killed. */
function lockHolder(dir: string) {
  const module = join(REPO, 'src', 'adapters', 'lock', 'root-lock.ts');
  const code = `const { acquireRootLock } = await import(${JSON.stringify(module)}); await acquireRootLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let locked = false;
  createInterface({ input: proc.stdout }).on('line', (line) => {
    if (line === 'locked') locked = true;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    proc.once('exit', (_code, signal) => {
      resolve(signal);
    }),
  );
  return {
    proc,
    exited,
    locked: () => waitFor(() => locked, 20_000, 'the holder to take the lock'),
  };
}

describe('root lock', () => {
  it('is exclusive and names its holder, by any path to the root; release frees it', async () => {
    expect(await probeRootLock(root)).toEqual({ held: false });
    const lock = await acquireRootLock(root);
    expect(await probeRootLock(root)).toEqual({ held: true, pid: process.pid });
    const link = `${root}-link`;
    symlinkSync(root, link);
    const refused = await acquireRootLock(link).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RootLockedError);
    expect(refused).toMatchObject({ holderPid: process.pid });
    expect((refused as Error).message).toContain(`(pid ${process.pid})`);
    await lock.release();
    expect(await probeRootLock(root)).toEqual({ held: false });
    const again = await acquireRootLock(link);
    await again.release();
    rmSync(link);
  });

  it('keeps two roots apart', async () => {
    const other = join(root, 'other');
    mkdirSync(other);
    const a = await acquireRootLock(root);
    const b = await acquireRootLock(other);
    await a.release();
    await b.release();
  });

  it('is freed by the kernel when its holder is killed with SIGKILL (nothing is left to go stale)', async () => {
    const holder = lockHolder(root);
    await holder.locked();
    const pid = holder.proc.pid;
    expect(await probeRootLock(root)).toEqual({ held: true, pid });
    await expect(acquireRootLock(root)).rejects.toMatchObject({ holderPid: pid });
    holder.proc.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    expect(isProcessAlive(pid ?? -1)).toBe(false);
    expect(await probeRootLock(root)).toEqual({ held: false });
    const lock = await acquireRootLock(root);
    await lock.release();
  });

  it('tells a live pid from a gone one', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(2 ** 22 + 1)).toBe(false);
  });
});
