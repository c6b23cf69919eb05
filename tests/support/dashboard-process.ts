/** @module `strikeline dashboard` as a child process: its ready line (with the URL), its lines, its exit. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN, REPO } from './run-cli.ts';
import { waitFor } from './sim.ts';

export interface DashboardProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly stderr: string[];
  /** The ready line's URL. */
  url(): Promise<string>;
  /** The exit code (null when killed by a signal), within a generous deadline. */
  exit(): Promise<number | null>;
}

export function spawnDashboard(
  args: readonly string[],
  env: Record<string, string>,
): DashboardProcess {
  const proc = spawn(process.execPath, [BIN, 'dashboard', ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: proc.stdout }).on('line', (l) => stdout.push(l));
  createInterface({ input: proc.stderr }).on('line', (l) => stderr.push(l));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    proc.once('close', (c) => {
      code = c;
      resolve(c);
    });
  });
  return {
    proc,
    stderr,
    url: async () => {
      const line = await waitFor(
        () =>
          stdout.find((l) => l.includes('"event":"ready"')) ??
          (code !== undefined ? `exited ${String(code)}: ${stderr.join(' ')}` : undefined),
        120_000,
        'the dashboard ready line',
      );
      if (!line.startsWith('{')) throw new Error(line);
      return (JSON.parse(line) as { url: string }).url;
    },
    exit: async () => {
      await waitFor(() => code !== undefined, 45_000, 'the dashboard to exit');
      return exited;
    },
  };
}
