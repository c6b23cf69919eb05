/** @module `strikeline halt`: the emergency stop (seed 000 `make halt`): create killswitch/HALT, cancel every order, flatten. */
import type { Command } from 'commander';
import { currentUser } from '../adapters/killswitch/file-kill-switch.ts';
import { haltTrading, renderHalt } from '../jobs/ops/halt.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';

export function registerHalt(program: Command): void {
  program
    .command('halt')
    .description(
      'emergency stop: create killswitch/HALT (nothing new opens), cancel all orders, close all positions at market, alert',
    )
    .option('--reason <text>', 'why, recorded in HALT, the journal and the alert', 'manual halt')
    .option('--json', 'print the outcome as JSON')
    .action(async (opts: { reason: string; json?: boolean }) => {
      await withContext('halt', async (ctx) => {
        const who = currentUser();
        const killSwitch = composeKillSwitch(ctx, who);
        const outcome = await haltTrading(
          {
            killSwitch,
            store: ctx.store(),
            mailer: ctx.mailer(),
            events: ctx.events,
            log: ctx.log,
            broker: () => composeAlpaca(ctx).broker,
          },
          who,
          opts.reason,
        );
        ctx.log.warn(
          {
            who,
            reason: opts.reason,
            created: outcome.created,
            flatten: outcome.flatten,
            error: outcome.error,
          },
          'halt',
        );
        process.stdout.write(
          opts.json === true
            ? `${JSON.stringify({ halt: ctx.paths.halt, ...outcome }, null, 2)}\n`
            : renderHalt(outcome, ctx.paths.halt),
        );
        if (outcome.error !== null)
          throw new Error(
            `HALT is in place, but the account could not be flattened: ${outcome.error}`,
          );
      });
    });
}
