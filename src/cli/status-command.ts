/** @module `strikeline status`: positions, protective orders, coverage, mode and kill switch at a glance (`--json` too). */
import type { Command } from 'commander';
import { renderStatus } from '../jobs/render-status.ts';
import { collectStatus, staleAfterMs } from '../jobs/status.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'show positions with their protection (UNPROTECTED flagged), the daemon mode, safety mode and the kill switch',
    )
    .option('--json', 'print the status as JSON')
    .option(
      '--journal <n>',
      'also show the latest N journal entries (decisions that moved money)',
      '0',
    )
    .action(async (opts: { json?: boolean; journal: string }) => {
      const journalEntries = Number(opts.journal);
      if (!Number.isInteger(journalEntries) || journalEntries < 0)
        throw new UsageError(
          `--journal must be a whole number >= 0 (got ${JSON.stringify(opts.journal)})`,
        );
      await withContext('status', async (ctx) => {
        const killSwitch = composeKillSwitch(ctx);
        const report = await collectStatus({
          broker: () => composeAlpaca(ctx).broker,
          store: ctx.store(),
          killSwitch,
          journalEntries,
          staleMs: staleAfterMs(ctx.config.protection.timer_interval_ms),
        });
        process.stdout.write(
          opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report),
        );
      });
    });
}
