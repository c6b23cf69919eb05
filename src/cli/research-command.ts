/**
 * @module `strikeline research`: after hours, the honest verdict study, walk-forward optimisation (grid and GA),
 * GP discovery and the regime model, with results in data/research/ and a summary in LMDB (docs/research.md).
 */
import type { Command } from 'commander';
import { UniverseError } from '../scanner/data/scan-universe.ts';
import { createProgress } from '../scanner/output/progress.ts';
import { researchReportLines } from '../scanner/research/output/research-report.ts';
import {
  failuresOf,
  RESEARCH_TASKS,
  type ResearchSummary,
  type ResearchTask,
} from '../scanner/research/output/research-summary.ts';
import { runResearch } from '../scanner/research/run-research.ts';
import { ScanInputError } from '../scanner/scan-window.ts';
import { composeAlpaca } from './compose.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';
import { isDate, nonNegativeInt, parseStrategies } from './scan-flags.ts';

interface ResearchFlags {
  task: string;
  symbols?: string;
  asof?: string;
  strategies?: string;
  seed?: string;
  workers?: string;
  fresh?: boolean;
  cache: boolean;
  json?: boolean;
}

export class ResearchFailedError extends Error {
  override readonly name = 'ResearchFailedError';
}

export function parseTasks(list: string): ResearchTask[] {
  const names = list.split(/[\s,]+/).filter(Boolean);
  if (names.length === 1 && names[0] === 'all') return [...RESEARCH_TASKS];
  const unknown = names.filter((n) => !(RESEARCH_TASKS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    throw new UsageError(
      `--task: unknown ${unknown.join(', ') || '(empty list)'}; choose all or from ${RESEARCH_TASKS.join(', ')}`,
    );
  return RESEARCH_TASKS.filter((t) => names.includes(t));
}

function text(s: ResearchSummary): string {
  const files = [s.regime?.file, s.verdicts?.file].filter((f): f is string => f !== undefined);
  return `${[
    ...researchReportLines(s),
    ...s.notes.map((n) => `note: ${n}`),
    ...failuresOf(s).map((f) => `failed: ${f}`),
    ...files.map((f) => `wrote ${f}`),
    `research took ${((s.timings_ms.total ?? 0) / 1000).toFixed(1)} s ${s.workers <= 1 ? 'in-process' : `with ${s.workers} worker threads`}: ${Object.entries(
      s.timings_ms,
    )
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')}`,
  ].join('\n')}\n`;
}

export function registerResearch(program: Command): void {
  program
    .command('research')
    .description(
      'after hours: honest verdicts, walk-forward optimisation (grid, GA), GP discovery, the regime model; results in data/research/',
    )
    .option(
      '--task <list>',
      `all, or some of ${RESEARCH_TASKS.join(', ')} (comma-separated)`,
      'all',
    )
    .option(
      '--symbols <list>',
      'research these tickers (comma-separated) instead of the configured universe',
    )
    .option('--asof <date>', 'run on the data as of the close of this New York date (YYYY-MM-DD)')
    .option(
      '--strategies <list>',
      'only these strategies (comma-separated), even if disabled in config',
    )
    .option(
      '--seed <n>',
      'seed for the GA, the GP and the random-entry control (default research.seed)',
    )
    .option('--workers <n>', 'worker threads (default: one per idle core; 0 = in-process)')
    .option(
      '--fresh',
      'discard checkpoints and earlier results instead of resuming and reusing them',
    )
    .option('--no-cache', 'refetch the whole history instead of only the bars after the cache')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: ResearchFlags) => {
      const tasks = parseTasks(flags.task);
      if (flags.asof !== undefined && !isDate(flags.asof))
        throw new UsageError(`--asof: expected a date as YYYY-MM-DD, found "${flags.asof}"`);
      const strategies =
        flags.strategies === undefined ? undefined : parseStrategies(flags.strategies);
      const seed = flags.seed === undefined ? undefined : nonNegativeInt('--seed', flags.seed);
      const workers =
        flags.workers === undefined ? undefined : nonNegativeInt('--workers', flags.workers);
      await withContext('research', async (ctx) => {
        const { broker } = composeAlpaca(ctx);
        let outcome: Awaited<ReturnType<typeof runResearch>>;
        try {
          outcome = await runResearch(
            {
              broker,
              config: ctx.config,
              paths: ctx.paths,
              strategyDisabledList: ctx.env.strategyDisabledList,
              log: ctx.log,
              progress: createProgress(process.stderr, 'research'),
              store: () => ctx.store(),
              wallClock: Date.now,
            },
            {
              tasks,
              ...(flags.symbols === undefined ? {} : { symbols: flags.symbols }),
              ...(flags.asof === undefined ? {} : { asOf: flags.asof }),
              ...(strategies === undefined ? {} : { strategies }),
              ...(seed === undefined ? {} : { seed }),
              ...(workers === undefined ? {} : { workers }),
              fresh: flags.fresh === true,
              useCache: flags.cache,
            },
          );
        } catch (e) {
          if (e instanceof ScanInputError || e instanceof UniverseError)
            throw new UsageError(e.message);
          throw e;
        }
        if ('skipped' in outcome) {
          process.stdout.write(
            flags.json === true
              ? `${JSON.stringify({ skipped: outcome.skipped })}\n`
              : `${outcome.skipped}\n`,
          );
          return;
        }
        process.stdout.write(
          flags.json === true ? `${JSON.stringify(outcome, null, 1)}\n` : text(outcome),
        );
        ctx.events.emit('RUN_FINISHED', {
          job: 'research',
          date: outcome.date,
          tasks: outcome.tasks,
        });
        const failures = failuresOf(outcome);
        if (failures.length > 0)
          throw new ResearchFailedError(
            `${failures.length} research job(s) failed; first: ${failures[0] ?? ''}`,
          );
      });
    });
}
