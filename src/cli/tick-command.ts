/** @module `strikeline tick`: run every minute by cron or systemd; runs the jobs whose New York time has come (docs/schedules.md). */
import type { Command } from 'commander';
import { isProcessAlive } from '../adapters/lock/process-alive.ts';
import { runJobProcess } from '../adapters/process/run-job-process.ts';
import { nyIso } from '../domain/time/ny-time.ts';
import { SCHEDULED_JOBS, type ScheduledJob } from '../domain/schedule/job-schedule.ts';
import { runTick, type TickAction, type TickTime } from '../jobs/schedule/tick-job.ts';
import { composeAlpaca } from './compose.ts';
import { withContext, type Context } from './context.ts';
import { UsageError } from './errors.ts';
import { strikelineBin } from './strikeline-bin.ts';

/** The broker's clock, else the machine's (logged): a broker that does not answer must not stop the schedule. */
export async function tickTime(ctx: Context): Promise<TickTime> {
  try {
    return { ts: (await composeAlpaca(ctx).broker.getClock()).tsNow, clock: 'broker' };
  } catch (e) {
    ctx.log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      "the broker's clock did not answer: the tick uses the machine's",
    );
    return { ts: Date.now(), clock: 'machine' };
  }
}

function line(a: TickAction): string {
  const what =
    a.action === 'run'
      ? a.exitCode === undefined
        ? 'due: would run'
        : `ran: exit ${a.exitCode}`
      : a.action;
  return `${a.day} ${a.at} ${a.job}: ${what} (scheduled ${a.scheduled}, ${a.clock} clock)`;
}

function parseOnly(job: string | undefined): ScheduledJob | undefined {
  if (job === undefined) return undefined;
  const found = SCHEDULED_JOBS.find((j) => j === job);
  if (found === undefined)
    throw new UsageError(`--job: unknown job "${job}"; choose from ${SCHEDULED_JOBS.join(', ')}`);
  return found;
}

export function registerTick(program: Command): void {
  program
    .command('tick')
    .description(
      'run the scheduled jobs whose New York time has come, each once a day (cron runs this every minute)',
    )
    .option('--dry-run', 'print what is due and record nothing')
    .option(
      '--job <name>',
      `consider only this job (${SCHEDULED_JOBS.join(', ')}): a systemd timer per job`,
    )
    .option('--json', 'print one JSON line per action')
    .addHelpText(
      'after',
      '\nTimes come from schedule: in config/config.yaml (New York). Prints nothing when nothing is due. See docs/schedules.md.',
    )
    .action(async (opts: { dryRun?: boolean; job?: string; json?: boolean }) => {
      const only = parseOnly(opts.job);
      await withContext('tick', async (ctx) => {
        const actions = await runTick({
          store: ctx.store(),
          config: ctx.config,
          time: () => tickTime(ctx),
          // The end-of-day report goes out as the daily digest (with its why-no-trade section) when SMTP is configured.
          runJob: (job) =>
            runJobProcess(job, {
              bin: strikelineBin(),
              root: ctx.env.root,
              logsDir: ctx.paths.logs,
              header: `--- strikeline ${job}, started by strikeline tick at ${nyIso(Date.now())}`,
              ...(job === 'report' &&
              ctx.env.smtp.host !== undefined &&
              ctx.mailer().channels.length > 0
                ? { args: ['--email'] }
                : {}),
            }),
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          wallNow: Date.now,
          isAlive: isProcessAlive,
          mailer: ctx.mailer(),
          log: ctx.log,
          pid: process.pid,
          dryRun: opts.dryRun === true,
          ...(only === undefined ? {} : { only }),
        });
        for (const a of actions)
          process.stdout.write(`${opts.json === true ? JSON.stringify(a) : line(a)}\n`);
        // An idle tick (most minutes) leaves no trace; one that acted says what it did.
        if (actions.length > 0 && opts.dryRun !== true)
          ctx.events.emit('RUN_FINISHED', { job: 'tick', actions });
        // A job it ran that failed (a digest that could not be mailed, say) fails the tick too: cron and systemd see it.
        const failed = actions.filter(
          (a) => a.action === 'run' && a.exitCode !== undefined && a.exitCode !== 0,
        );
        if (failed.length > 0)
          throw new Error(
            `scheduled job failed: ${failed.map((a) => `${a.job} (exit ${a.exitCode ?? '?'}; see logs/cron-${a.job}.log)`).join(', ')}`,
          );
      });
    });
}
