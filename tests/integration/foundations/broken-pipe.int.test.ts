/**
 * @module `strikeline <command> --help | head -1`: a reader that closes its end before the command writes is no
 * failure. Each command's help is written into a pipe already closed (the write meets EPIPE every time, not by a
 * race); the command must end 0 with nothing on stderr (it died with an unhandled 'error' event before).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands.ts';
import { BIN, REPO } from '../../support/run-cli.ts';

interface Ended {
  readonly code: number | null;
  readonly stderr: string;
}

function helpIntoClosedPipe(args: readonly string[]): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--help'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the child has even started: its first write to stdout meets a pipe with no reader.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
}

const invocations: readonly (readonly string[])[] = [
  [],
  ...Object.keys(COMMANDS).map((name) => [name]),
];

// Concurrent: each case is a process start, mostly waiting.
describe.concurrent('help into a closed pipe', () => {
  it.each(invocations.map((args) => [args.join(' ') || '(no command)', args] as const))(
    'strikeline %s --help ends 0, quietly',
    async (_name, args) => {
      const ended = await helpIntoClosedPipe(args);
      expect(ended).toEqual({ code: 0, stderr: '' });
    },
  );
});
