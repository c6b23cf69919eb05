/** @module `strikeline errors`: the centralized error log (seed 001): list WARN+ entries, mark one resolved. */
import type { Command } from 'commander';
import { ERROR_LEVELS, type ErrorLevel } from '../domain/error-record.ts';
import { countErrors, renderErrors } from '../jobs/ops/render-errors.ts';
import { parseSince } from '../jobs/ops/since.ts';
import { listErrors, resolveError } from '../records/error-log.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';

interface ListOptions {
  since: string;
  level: string;
  unresolved?: boolean;
  json?: boolean;
}

function isLevel(text: string): text is ErrorLevel {
  return (ERROR_LEVELS as readonly string[]).includes(text);
}

async function list(opts: ListOptions): Promise<void> {
  const sinceTs = parseSince(opts.since, Date.now());
  if (sinceTs === undefined)
    throw new UsageError(
      `--since must be a duration (90m, 24h, 7d) or an ISO date (got ${JSON.stringify(opts.since)})`,
    );
  if (!isLevel(opts.level))
    throw new UsageError(
      `--level must be one of ${ERROR_LEVELS.join(', ')} (got ${JSON.stringify(opts.level)})`,
    );
  const minLevel = opts.level;
  await withContext('errors', (ctx) => {
    const errors = listErrors(ctx.store(), {
      sinceTs,
      minLevel,
      unresolvedOnly: opts.unresolved === true,
    });
    process.stdout.write(
      opts.json === true
        ? `${JSON.stringify({ since: new Date(sinceTs).toISOString(), level: minLevel, counts: countErrors(errors), errors }, null, 2)}\n`
        : renderErrors(errors),
    );
    return Promise.resolve();
  });
}

async function resolve(id: string, opts: { by: string; json?: boolean }): Promise<void> {
  if (opts.by.trim() === '') throw new UsageError('--by must name who resolved it');
  await withContext('errors', async (ctx) => {
    const outcome = await resolveError(ctx.store(), id, opts.by, Date.now());
    if (outcome === 'not-found')
      throw new UsageError(`no error with id ${JSON.stringify(id)} (see strikeline errors)`);
    process.stdout.write(
      opts.json === true
        ? `${JSON.stringify({ id, outcome })}\n`
        : `${id}: ${outcome === 'resolved' ? 'resolved' : 'was already resolved'}\n`,
    );
  });
}

export function registerErrors(program: Command): void {
  const errors = program
    .command('errors')
    .description('list the error log: every WARN and above of any strikeline process (seed 001)')
    .option('--since <when>', 'a duration back from now (90m, 24h, 7d) or an ISO date/time', '7d')
    .option('--level <level>', `this level and worse: ${ERROR_LEVELS.join(', ')}`, 'warning')
    .option('--unresolved', 'only the errors nobody has resolved yet')
    .option('--json', 'print {since, level, counts, errors} as JSON')
    .action(list);
  errors
    .command('resolve <id>')
    .description('mark one error resolved')
    .requiredOption('--by <name>', 'who resolved it')
    .option('--json', 'print {id, outcome} as JSON')
    .action(resolve);
}
