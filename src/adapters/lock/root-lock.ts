/**
 * @module One daemon per TRADING_SYSTEM_ROOT: an exclusive lock held by the kernel, so that a crash (even SIGKILL)
 * frees it and a reused pid never keeps it. The lock is a listening Unix socket whose name derives from the root
 * directory's identity (device and inode); on Linux it lives in the abstract namespace, which has no file to go
 * stale: the kernel releases the name with the last descriptor. Whoever asks gets the holder's pid back.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Another process holds the root: `holderPid` is null when it did not answer in time (stopped or frozen). */
export class RootLockedError extends Error {
  override readonly name = 'RootLockedError';
  constructor(
    readonly root: string,
    readonly holderPid: number | null,
  ) {
    super(
      holderPid === null
        ? `another strikeline stream holds ${root} (it did not say its pid): one daemon per root; stop it first`
        : `another strikeline stream (pid ${holderPid}) already runs on ${root}: one daemon per root; stop it first (systemctl stop strikeline, or kill ${holderPid})`,
    );
  }
}

export interface RootLock {
  readonly root: string;
  release(): Promise<void>;
}

/** What a look at the lock found, without taking it. */
export type LockProbe =
  { readonly held: false } | { readonly held: true; readonly pid: number | null };

/** How long a holder has to say who it is. */
const ANSWER_MS = 2_000;

/** The socket's address for a root: the same directory reached by any path gives the same name. */
export function lockAddress(root: string): string {
  mkdirSync(root, { recursive: true });
  const { dev, ino } = statSync(root);
  const id = createHash('sha256').update(`${dev}:${ino}`).digest('hex').slice(0, 24);
  // Elsewhere a socket file in the temp dir (short: socket paths are limited to about 100 bytes).
  return process.platform === 'linux'
    ? `\0strikeline-root-${id}`
    : join(tmpdir(), `strikeline-root-${id}.sock`);
}

/** Asks the holder for its pid; `held: false` when nobody listens. */
export function probeRootLock(root: string): Promise<LockProbe> {
  return ask(lockAddress(root));
}

function ask(address: string): Promise<LockProbe> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(address);
    const done = (probe: LockProbe): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(() => {
      done({ held: true, pid: null });
    }, ANSWER_MS);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => {
      done({ held: true, pid: pidOf(text) });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // Refused or missing: nobody listens. Anything else (a reset mid-answer): someone does.
      done(
        e.code === 'ECONNREFUSED' || e.code === 'ENOENT'
          ? { held: false }
          : { held: true, pid: pidOf(text) },
      );
    });
  });
}

function pidOf(text: string): number | null {
  try {
    const pid = (JSON.parse(text) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      resolve(e);
    };
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
}

/**
 * Takes the root's lock or rejects with RootLockedError naming the holder's pid. The lock never keeps the
 * process alive on its own; it is released by `release()`, by exit, or by the kernel when the process dies.
 */
export async function acquireRootLock(root: string): Promise<RootLock> {
  const address = lockAddress(root);
  const hello = `${JSON.stringify({ pid: process.pid, root })}\n`;
  // A holder that dies between our refused bind and our question frees the name: try again, a few times.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end(hello);
    });
    const error = await listen(server, address);
    if (error === null) {
      // An accept failure (too many files) must not crash the daemon: the name stays bound regardless.
      server.on('error', () => undefined);
      server.unref();
      return { root, release: () => close(server, address) };
    }
    if (error.code !== 'EADDRINUSE') throw error;
    const probe = await ask(address);
    if (probe.held) throw new RootLockedError(root, probe.pid);
    // A socket file left by a dead holder (not Linux: its abstract names leave nothing behind).
    if (!address.startsWith('\0')) rmSync(address, { force: true });
  }
  throw new RootLockedError(root, null);
}

function close(server: Server, address: string): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      if (!address.startsWith('\0')) rmSync(address, { force: true });
      resolve();
    });
  });
}
