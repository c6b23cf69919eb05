/** @module `strikeline errors` as text: counts by level, then one row per error with where it came from. */
import { ERROR_LEVELS, type ErrorLevel, type ErrorRecord } from '../../domain/error-record.ts';
import { textTable } from '../format/text-table.ts';

export type ErrorCounts = Readonly<Record<ErrorLevel, number>>;

export function countErrors(errors: readonly ErrorRecord[]): ErrorCounts {
  const counts: Record<ErrorLevel, number> = { warning: 0, error: 0, critical: 0 };
  for (const e of errors) counts[e.level] += 1;
  return counts;
}

const where = (e: ErrorRecord): string =>
  e.sourceFile === null
    ? ''
    : `${e.sourceFile.replace(/^.*\/src\//, 'src/')}:${String(e.sourceLine ?? '')}`;

export function renderErrors(errors: readonly ErrorRecord[]): string {
  const counts = countErrors(errors);
  const head = ERROR_LEVELS.slice()
    .reverse()
    .map((l) => `${l} ${String(counts[l])}`)
    .join('   ');
  if (errors.length === 0) return `${head}\nno errors in this window\n`;
  const rows = errors.map((e) => [
    e.id,
    new Date(e.ts).toISOString(),
    e.level,
    e.component,
    e.logger,
    e.resolved ? `yes (${e.resolvedBy ?? ''})` : 'no',
    e.message + (typeof e.context.err === 'string' ? `: ${e.context.err}` : ''),
    where(e),
  ]);
  const table = textTable(
    [
      { header: 'id' },
      { header: 'time (UTC)' },
      { header: 'level' },
      { header: 'component' },
      { header: 'logger' },
      { header: 'resolved' },
      { header: 'message' },
      { header: 'source' },
    ],
    rows,
  );
  return `${head}\n${table}\n`;
}
