/** @module Runs strikeline commands as separate processes, exactly as cron and systemd would start them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DAEMON_NODE_FLAGS } from '../daemon-node-flags.ts';
import { strikelineBin } from '../strikeline-bin.ts';

const BIN = strikelineBin();

export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command to completion; `onLine` sees each stdout line as it comes. */
export function runCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout += `${line}\n`;
      onLine?.(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

export interface Service {
  readonly ready: Record<string, unknown>;
  readonly child: ChildProcess;
  /** SIGTERM, then wait for a clean exit; resolves the exit code. */
  stop(): Promise<number>;
}

/** Starts a long-running command and resolves once it prints its `{"event":"ready"}` line. */
export function startService(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<Service> {
  return new Promise((resolve, reject) => {
    const flags = args[0] === 'stream' ? DAEMON_NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let settled = false;
    const exited = new Promise<number>((done) =>
      child.on('close', (code) => {
        done(code ?? 1);
      }),
    );
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(
        new Error(
          `strikeline ${args.join(' ')} did not become ready within ${timeoutMs} ms: ${stderr.trim()}`,
        ),
      );
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    void exited.then((code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(
        new Error(
          `strikeline ${args.join(' ')} exited with ${code} before it was ready: ${stderr.trim()}`,
        ),
      );
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (settled || !line.startsWith('{')) return;
      const ready = JSON.parse(line) as Record<string, unknown>;
      if (ready.event !== 'ready') return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ready,
        child,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
