/** @module `strikeline rank`: ranks the night's signal logs into data/actionable_signals.csv (no broker needed). */
import type { Command } from 'commander';
import { isIsoDate, nyDate } from '../domain/time/ny-dates.ts';
import { runRankJob } from '../jobs/rank/rank-job.ts';
import { renderRankSummary } from '../jobs/rank/render-rank-summary.ts';
import { composeAlpaca } from './compose.ts';
import { withContext, type Context } from './context.ts';
import { emitRankEvents } from './rank-events.ts';
import { UsageError } from './errors.ts';

export function registerRank(program: Command): void {
  program
    .command('rank')
    .description(
      'rank the signal logs in data/signals/ into data/actionable_signals.csv (IN_TRADE + PROFITABLE, no black sheep, fresh)',
    )
    .option(
      '--asof <date>',
      'rank as of this New York date (YYYY-MM-DD) instead of today, for tests and backfills',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { asof?: string; json?: boolean }) => {
      if (opts.asof !== undefined && !isIsoDate(opts.asof))
        throw new UsageError(`--asof: expected a date as YYYY-MM-DD, found "${opts.asof}"`);
      await withContext('rank', async (ctx) => {
        const asOf = opts.asof ?? (await today(ctx));
        const result = runRankJob({
          signalsDir: ctx.paths.signals,
          csvPath: ctx.paths.actionable,
          rejectedDir: ctx.paths.rejected,
          config: ctx.config,
          asOf,
          log: ctx.log,
        });
        emitRankEvents(ctx.events, result, asOf);
        ctx.events.emit('RUN_FINISHED', {
          job: 'rank',
          asOf,
          kept: result.ranked.length,
          dropped: result.droppedByReason,
          malformed: result.problems.length,
        });
        const json = {
          asOf,
          csv: result.csvPath,
          kept: result.ranked,
          dropped: result.dropped,
          droppedByReason: result.droppedByReason,
          problems: result.problems,
        };
        process.stdout.write(
          opts.json === true
            ? `${JSON.stringify(json, (_k, v: unknown) => (v === Infinity ? 'inf' : v), 2)}\n`
            : renderRankSummary(result),
        );
      });
    });
}

/**
 * Today in New York by the broker's clock when credentials are set (the simulator's day is not the wall
 * clock's), else by this machine's clock: ranking itself never needs the broker.
 */
async function today(ctx: Context): Promise<string> {
  if (ctx.env.apiKey === undefined || ctx.env.secretKey === undefined) return nyDate(Date.now());
  try {
    return nyDate((await composeAlpaca(ctx).broker.getClock()).tsNow);
  } catch (e) {
    ctx.log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      "broker clock unavailable: ranking as of this machine's date",
    );
    return nyDate(Date.now());
  }
}
