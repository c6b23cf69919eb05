/**
 * @module What every benchmark reports for its budgets: the figure measured, the baseline measured in the same run,
 * their ratio and the verdict. bench/run.ts prints them all in one table at the end (docs/performance.md shows it).
 */

export interface BudgetRow {
  /** The path measured, e.g. 'soft exits, 100 held symbols'. */
  readonly path: string;
  /** The budget in words, e.g. '>= 1,000,000 trades/s'. */
  readonly budget: string;
  /** The figure measured (median of runs), in words. */
  readonly measured: string;
  /** The baseline measured in the same run, in words. */
  readonly baseline: string;
  /** The measured figure against the baseline, e.g. '0.31x'. */
  readonly ratio: string;
  readonly pass: boolean;
}

/** What a bench/*.bench.ts file's run() resolves: its own report and its budget rows. */
export interface BenchResult {
  readonly report: string;
  readonly budgets: readonly BudgetRow[];
}

/** The median of a list of numbers (the upper median for an even count; NaN when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs a full garbage collection when node runs with --expose-gc (npm run bench does), so rounds start alike. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const x = (ratio: number): string => `${ratio.toFixed(2)}x`;

/** The budget rows as a markdown table. */
export function budgetTable(rows: readonly BudgetRow[]): string {
  const head = ['path', 'budget', 'measured (median)', 'baseline, same run', 'ratio', 'verdict'];
  const body = rows.map((r) => [
    r.path,
    r.budget,
    r.measured,
    r.baseline,
    r.ratio,
    r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}
