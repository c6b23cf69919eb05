/** @module `strikeline status`: positions, protective orders, coverage, mode and kill switch at a glance (`--json` too). */
import type { Command } from 'commander';
import { isProcessAlive } from '../adapters/lock/process-alive.ts';
import { probeRootLock } from '../adapters/lock/root-lock.ts';
import { renderStatus } from '../jobs/ops/render-status.ts';
import { collectStatus, staleAfterMs } from '../jobs/ops/status.ts';
import { riskLimitsOf } from '../config/risk-limits.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';

/** The daemon does not protect right now: the report is printed, then this line, and the exit code is 1. */
class DaemonUnhealthyError extends Error {
  override readonly name = 'DaemonUnhealthyError';
}

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
      const report = await withContext('status', async (ctx) => {
        const collected = await collectStatus({
          broker: () => composeAlpaca(ctx).broker,
          store: ctx.store(),
          killSwitch: composeKillSwitch(ctx),
          probeLock: () => probeRootLock(ctx.env.root),
          isAlive: isProcessAlive,
          journalEntries,
          staleMs: staleAfterMs(ctx.config.protection.timer_interval_ms),
          riskLimits: riskLimitsOf(ctx.config),
        });
        process.stdout.write(
          opts.json === true ? `${JSON.stringify(collected, null, 2)}\n` : renderStatus(collected),
        );
        return collected;
      });
      // Outside the context: an unhealthy daemon is what status reports, not a failure of status to log.
      if (!report.health.ok)
        throw new DaemonUnhealthyError(`daemon ${report.health.state}: ${report.health.reason}`);
    });
}
