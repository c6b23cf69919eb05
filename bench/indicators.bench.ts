/**
 * @module The indicator kernels against the technicalindicators package (issue 19): 50 series x 10 years of the
 * simulator's synthetic daily bars, each kernel's every value checked against the package's first, then 10
 * alternating rounds (BENCH_QUICK=1: 5) with a forced GC before each timing; medians in CPU time, every round
 * printed. Measured in a child process with single-threaded GC (see scan/indicator-child.ts for why).
 * Budget: >= 10x the package. `npm run bench -- indicators` runs only this file.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, x, type BenchResult } from './support/budget.ts';
import type { IndicatorRatio } from './scan/indicator-ratios.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SERIES = 50;
const ROUNDS = QUICK ? 5 : 10;

export function run(): BenchResult {
  const child = join(import.meta.dirname, 'scan', 'indicator-child.ts');
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--single-threaded-gc',
      '--import',
      'tsx',
      child,
      String(SERIES),
      String(ROUNDS),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const { bars, ratios } = JSON.parse(out) as { bars: number; ratios: IndicatorRatio[] };
  const runs = (ms: readonly number[]): string => ms.map((m) => m.toFixed(2)).join(' ');
  return {
    report: [
      `${String(SERIES)} series x ${String(bars)} bars, ${String(ROUNDS)} rounds, GC before each timing; medians, CPU ms per pass over every series:`,
      ...ratios.flatMap((r) => [
        `  ${r.name.padEnd(18)} kernel ${r.kernelMs.toFixed(2).padStart(7)} ms  package ${r.packageMs.toFixed(1).padStart(8)} ms  ratio ${x(r.ratio).padStart(8)} (wall ${x(r.wallRatio)}), values within ${r.maxRelativeDifference.toExponential(1)}`,
        `    rounds, kernel ms: ${runs(r.kernelRuns)}`,
        `    rounds, package ms: ${runs(r.packageRuns)}`,
      ]),
    ].join('\n'),
    budgets: [
      ...ratios.map((r) => ({
        path: `indicator ${r.name}`,
        budget: '>= 10x technicalindicators',
        measured: `${r.kernelMs.toFixed(2)} ms`,
        baseline: `package ${r.packageMs.toFixed(1)} ms`,
        ratio: x(r.ratio),
        pass: r.ratio >= 10,
      })),
      {
        path: 'indicators, the median kernel',
        budget: '>= 10x technicalindicators',
        measured: x(median(ratios.map((r) => r.ratio))),
        baseline: 'technicalindicators, same series, same run',
        ratio: x(median(ratios.map((r) => r.ratio))),
        pass: median(ratios.map((r) => r.ratio)) >= 10,
      },
    ],
  };
}
