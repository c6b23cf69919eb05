/**
 * @module The in-process protection tail (issue 19): fill event -> protective POST sent, p99 <= 1 ms at the median
 * of 5 runs (each run: 10 fresh pipelines holding 100-200 protected positions, 100 measured fills each; BENCH_QUICK=1:
 * 3 pipelines), and the heap each event allocates (its bookkeeping included), from the growth of the heap over each
 * event that no garbage collection interrupted. `npm run bench -- protection-tail` runs only this file.
 */
import { median, x, type BenchResult } from './support/budget.ts';
import { measureInProcess } from './protection/in-process.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = 5;

const ms = (us: number): string => `${(us / 1000).toFixed(3)} ms`;

export async function run(): Promise<BenchResult> {
  const p99s: number[] = [];
  const p50s: number[] = [];
  const bytes: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const latency = await measureInProcess({
      rounds: QUICK ? 3 : 10,
      held: 100,
      perRound: 100,
      recordHeapBytes: (b) => {
        if (b > 0) bytes.push(b);
      },
    });
    p99s.push(latency.p99Us);
    p50s.push(latency.p50Us);
  }
  const p99 = median(p99s);
  const perEvent = median(bytes);
  return {
    report: [
      `in-process, fill event -> protective POST sent, ${String(RUNS)} runs:`,
      `  p50 per run: ${p50s.map(ms).join(', ')}`,
      `  p99 per run: ${p99s.map(ms).join(', ')}; median ${ms(p99)}`,
      `  heap allocated per event (median of ${String(bytes.length)} events without a GC): ${(perEvent / 1024).toFixed(1)} KiB`,
    ].join('\n'),
    budgets: [
      {
        path: 'fill -> protective POST sent, in-process, p99',
        budget: '<= 1 ms (median of 5 runs)',
        measured: ms(p99),
        baseline: `p50 ${ms(median(p50s))}`,
        ratio: `${x(p99 / median(p50s))} of p50`,
        pass: p99 <= 1_000,
      },
    ],
  };
}
