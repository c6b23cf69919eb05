/**
 * @module The indicator kernels against the technicalindicators package (issue 19): 50 series x 10 years of the
 * simulator's synthetic daily bars, each kernel's values checked against the package's first, then 10 alternating
 * rounds (BENCH_QUICK=1: 5) with a forced GC before each timing; medians in CPU time. Budget: >= 10x the package.
 * `npm run bench -- indicators` runs only this file.
 */
import { median, x, type BenchResult } from './support/budget.ts';
import { indicatorRatios } from './scan/indicator-ratios.ts';
import { syntheticUniverse } from './scan/synthetic-universe.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SERIES = 50;
const ROUNDS = QUICK ? 5 : 10;

export function run(): BenchResult {
  const market = syntheticUniverse({ seed: 20_240_501, symbols: SERIES, startDate: '2015-01-01', endDate: '2024-12-31' });
  const bars = market.series.get(market.symbols[0] ?? '')?.close.length ?? 0;
  const ratios = indicatorRatios(market, SERIES, ROUNDS);
  return {
    report: [
      `${String(SERIES)} series x ${String(bars)} bars, ${String(ROUNDS)} rounds, GC before each timing; medians, CPU ms per pass over every series:`,
      ...ratios.map((r) => `  ${r.name.padEnd(18)} kernel ${r.kernelMs.toFixed(2).padStart(7)} ms  package ${r.packageMs.toFixed(1).padStart(8)} ms  ratio ${x(r.ratio).padStart(8)} (wall ${x(r.wallRatio)})`),
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
