/** @module `strikeline status`: positions, protective orders, coverage, mode and kill switch at a glance (`--json` too). */
import type { Command } from 'commander';
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
    .addHelpText(
      'after',
      '\nExit code 0 only when the daemon runs on this root, the broker accepted its credentials and both streams are up;\n1 otherwise (the report says why: "health" in --json).',
    )
    .action(async (opts: { json?: boolean; journal: string }) => {
      const journalEntries = Number(opts.journal);
      if (!Number.isInteger(journalEntries) || journalEntries < 0)
        throw new UsageError(
          `--journal must be a whole number >= 0 (got ${JSON.stringify(opts.journal)})`,
        );
      const { statusAction } = await import('./status-action.ts');
      await statusAction({ json: opts.json === true, journalEntries });
    });
}
