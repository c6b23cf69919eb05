/**
 * @module Start-up of the CLI (issue 19): `strikeline status --help` as a user runs it (node bin/strikeline.js, the
 * precompiled build, built first if the sources changed) against `node -e 0` in the same run, alternating, median
 * of 10 runs each (BENCH_QUICK=1: 5). Budget: within 4x of `node -e 0`. For comparison it also times the same
 * command through tsx, as every command started before the build existed.
 * `npm run bench -- startup` runs only this file.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, x, type BenchResult } from './support/budget.ts';

const REPO = join(import.meta.dirname, '..');
const RUNS = process.env.BENCH_QUICK === '1' ? 5 : 10;

function wallMs(args: readonly string[]): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { cwd: REPO, stdio: 'pipe' });
  return performance.now() - t0;
}

const ms = (v: number): string => `${v.toFixed(0)} ms`;

export function run(): BenchResult {
  const bin = join(REPO, 'bin', 'strikeline.js');
  wallMs([bin, 'status', '--help']); // builds now if the sources changed, so no timed run pays for a build
  const bare: number[] = [];
  const cli: number[] = [];
  const tsx: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    bare.push(wallMs(['-e', '0']));
    cli.push(wallMs([bin, 'status', '--help']));
    tsx.push(wallMs(['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), 'status', '--help']));
  }
  const [b, c, t] = [median(bare), median(cli), median(tsx)];
  const list = (v: readonly number[]): string => v.map((n) => n.toFixed(0)).join(', ');
  return {
    report: [
      `${String(RUNS)} runs each, alternating; medians (runs in ms):`,
      `  node -e 0:                          ${ms(b)}  (${list(bare)})`,
      `  strikeline status --help (build):   ${ms(c)}  (${list(cli)})`,
      `  the same through tsx (no build):    ${ms(t)}  (${list(tsx)})`,
    ].join('\n'),
    budgets: [
      {
        path: 'start-up: strikeline status --help',
        budget: 'within 4x of node -e 0',
        measured: ms(c),
        baseline: `node -e 0 ${ms(b)} (tsx: ${ms(t)})`,
        ratio: x(c / b),
        pass: c / b <= 4,
      },
    ],
  };
}
