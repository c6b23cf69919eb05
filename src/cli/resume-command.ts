/** @module `strikeline resume --ack "text"`: removes killswitch/HALT, journaling who resumed and why. */
import type { Command } from 'commander';
import { currentUser } from '../adapters/killswitch/file-kill-switch.ts';
import { renderResume, resumeTrading } from '../jobs/ops/halt.ts';
import { composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';

export function registerResume(program: Command): void {
  program
    .command('resume')
    .description(
      'remove killswitch/HALT after a review; --ack says why it is safe (journaled with your user name)',
    )
    .option(
      '--ack <text>',
      'the acknowledgement: what was reviewed and why trading may resume (required)',
    )
    .option('--json', 'print the outcome as JSON')
    .action(async (opts: { ack?: string; json?: boolean }) => {
      const ack = opts.ack?.trim() ?? '';
      if (ack === '')
        throw new UsageError(
          'resume needs an acknowledgement: strikeline resume --ack "what you reviewed and why it is safe"',
        );
      await withContext('resume', async (ctx) => {
        const who = currentUser();
        const killSwitch = composeKillSwitch(ctx, who);
        const outcome = await resumeTrading(
          {
            killSwitch,
            store: ctx.store(),
            mailer: ctx.mailer(),
            events: ctx.events,
            log: ctx.log,
          },
          who,
          ack,
        );
        ctx.log.warn(
          { who, ack, released: outcome.released },
          outcome.released === null ? 'resume: no HALT in place' : 'resume',
        );
        process.stdout.write(
          opts.json === true
            ? `${JSON.stringify({ halt: ctx.paths.halt, who, ack, ...outcome }, null, 2)}\n`
            : renderResume(outcome, who, ack),
        );
      });
    });
}
