/** @module `strikeline risk [--json]`: the trading state (ACTIVE / REDUCING / HALTED), every breaker and the equity marks. */
import type { Command } from 'commander';
import { riskLimitsOf } from '../config/risk-limits.ts';
import { collectRisk, renderRisk } from '../jobs/ops/risk-report.ts';
import { composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';

export function registerRisk(program: Command): void {
  program
    .command('risk')
    .description('show the trading state, every circuit breaker and kill condition, and the equity marks')
    .option('--json', 'print one JSON object (state, size_scalar, breakers, equity)')
    .action(async (opts: { json?: boolean }) => {
      await withContext('risk', (ctx) => {
        const view = collectRisk(ctx.store(), composeKillSwitch(ctx), riskLimitsOf(ctx.config), Date.now());
        process.stdout.write(opts.json === true ? `${JSON.stringify(view)}\n` : renderRisk(view));
        return Promise.resolve();
      });
    });
}
