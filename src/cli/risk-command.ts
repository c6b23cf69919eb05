/** @module `strikeline risk [--json]`: the trading state (ACTIVE / REDUCING / HALTED), every breaker and the equity marks. */
import type { Command } from 'commander';
import { riskLimitsOf } from '../config/risk-limits.ts';
import { collectRisk, renderRisk } from '../jobs/ops/risk-report.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext, type Context } from './context.ts';

/** Trips end at broker times (the session's close): the broker's clock, or this machine's when it cannot be asked. */
async function brokerNow(ctx: Context): Promise<number> {
  try {
    return (await composeAlpaca(ctx).broker.getClock()).tsNow;
  } catch (e) {
    ctx.log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      'broker clock unavailable: risk state read at local time',
    );
    return Date.now();
  }
}

export function registerRisk(program: Command): void {
  program
    .command('risk')
    .description(
      'show the trading state, every circuit breaker and kill condition, and the equity marks',
    )
    .option('--json', 'print one JSON object (state, size_scalar, breakers, equity)')
    .action(async (opts: { json?: boolean }) => {
      await withContext('risk', async (ctx) => {
        const view = collectRisk(
          ctx.store(),
          composeKillSwitch(ctx),
          riskLimitsOf(ctx.config),
          await brokerNow(ctx),
        );
        process.stdout.write(opts.json === true ? `${JSON.stringify(view)}\n` : renderRisk(view));
      });
    });
}
