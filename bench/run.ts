/** @module `npm run bench`: runs every bench/*.bench.ts file's exported run() in sequence and prints each result. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { budgetTable, type BenchResult, type BudgetRow } from './support/budget.ts';

interface BenchModule {
  run(): unknown;
}

const isBenchResult = (r: unknown): r is BenchResult =>
  typeof r === 'object' && r !== null && 'report' in r && 'budgets' in r;

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
const budgets: BudgetRow[] = [];
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const started = performance.now();
  try {
    const mod = (await import(
      pathToFileURL(join(import.meta.dirname, file)).href
    )) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') throw new Error('no exported run()');
    const result = await mod.run();
    if (isBenchResult(result)) {
      budgets.push(...result.budgets);
      process.stdout.write(`${result.report}\n`);
    } else if (result !== undefined)
      process.stdout.write(
        `${typeof result === 'string' ? result : JSON.stringify(result, null, 2)}\n`,
      );
  } catch (e) {
    failed += 1;
    process.stdout.write(`FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.stdout.write(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
if (budgets.length > 0) process.stdout.write(`\n## budgets\n${budgetTable(budgets)}\n`);
const over = budgets.filter((b) => !b.pass).length;
process.stdout.write(
  `\n${files.length - failed} benchmarks ran, ${failed} failed; ${budgets.length - over} budgets met, ${over} not\n`,
);
process.exitCode = failed === 0 ? 0 : 1;
