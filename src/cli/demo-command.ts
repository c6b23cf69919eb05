/** @module `strikeline demo`: a whole trading day offline, every step a real strikeline command (`npm start`). */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { withContext } from './context.ts';
import { renderSummary } from './demo/demo-summary.ts';
import { runDemo } from './demo/run-demo.ts';
import { UsageError } from './errors.ts';

interface DemoFlags {
  days: string;
  seed: string;
  date: string;
  paceMs: string;
  root?: string;
}

function positiveInt(name: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}, got "${text}"`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run whole trading days on the embedded simulator: scan, rank, the daemon, trade at 09:35, the day, report at 16:05',
    )
    .option('--days <n>', 'trading days to run', '1')
    .option('--seed <n>', 'simulator seed (same seed, same market)', '7')
    .option(
      '--date <YYYY-MM-DD>',
      'first trading day (the scan runs the evening before)',
      '2025-06-03',
    )
    .option('--pace-ms <ms>', 'wall milliseconds per simulated minute of the session', '120')
    .option(
      '--root <dir>',
      'where the demo keeps its state, logs, data and reports (default ./demo)',
    )
    .action(async (flags: DemoFlags) => {
      const days = positiveInt('days', flags.days, 30);
      if (days === 0) throw new UsageError('--days must be at least 1');
      const seed = positiveInt('seed', flags.seed, 2 ** 31);
      const paceMs = positiveInt('pace-ms', flags.paceMs, 10_000);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(flags.date))
        throw new UsageError(`--date must be YYYY-MM-DD, got "${flags.date}"`);
      const root = resolve(flags.root ?? 'demo');
      await withContext('demo', async (ctx) => {
        const print = (line: string) => {
          process.stdout.write(`${line}\n`);
        };
        const summary = await runDemo({
          root,
          days,
          seed,
          date: flags.date,
          paceMs,
          print,
          log: ctx.log,
        });
        print(renderSummary(summary));
      });
    });
}
