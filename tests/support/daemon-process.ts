/** @module `strikeline stream` as a child process, as systemd or tmux runs it: its lines, its exit, its ready line. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, REPO } from './run-cli.ts';
import { waitFor } from './sim.ts';

export interface DaemonProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly stdout: string[];
  readonly stderr: string[];
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** The parsed `{"event":"ready",...}` line, within a generous deadline. */
  ready(): Promise<Record<string, unknown>>;
  /** The exit code, within a generous deadline (the outcome is asserted, not the time). */
  exit(deadlineMs?: number): Promise<number | null>;
}

export function spawnDaemon(env: Record<string, string>): DaemonProcess {
  const proc = spawn(process.execPath, [BIN, 'stream'], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: proc.stdout }).on('line', (l) => stdout.push(l));
  createInterface({ input: proc.stderr }).on('line', (l) => stderr.push(l));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    // 'close', not 'exit': every line of stdout and stderr has been read by then.
    proc.once('close', (c) => {
      code = c;
      resolve(c);
    });
  });
  return {
    proc,
    stdout,
    stderr,
    exited,
    ready: async () =>
      JSON.parse(
        await waitFor(
          () => stdout.find((l) => l.includes('"event":"ready"')),
          30_000,
          'the ready line',
        ),
      ) as Record<string, unknown>,
    exit: async (deadlineMs = 45_000) => {
      await waitFor(() => code !== undefined, deadlineMs, 'the daemon to exit');
      return exited;
    },
  };
}
