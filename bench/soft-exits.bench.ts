/**
 * @module The soft-exit evaluator's throughput (issue 19): market trades pushed through `evaluateExits` in-process for
 * 10, 100 and 1000 held symbols, against a floor measured in the same run: the same trades through a bare RxJS
 * `map`. Budgets: >= 1,000,000 trades/s with 100 held symbols, and 1000 held within 1.5x of 10 (the cost must not
 * grow with the number held). Rounds alternate between the sizes, each after a forced GC; medians are reported.
 * Rates are trades per CPU-second of this process (what the other tenants of a shared machine do not inflate);
 * the wall-time rates are printed beside them.
 * `npm run bench -- soft-exits` runs only this file; BENCH_QUICK=1 runs fewer rounds.
 */
import { Subject, map, type Observable } from 'rxjs';
import type { ExitTrack } from '../src/domain/holdings/daemon-events.ts';
import type { MarketTrade } from '../src/domain/events.ts';
import { DEFAULT_EXIT_RULES } from '../src/config/exit-rules-config.ts';
import { price } from '../src/domain/money.ts';
import { evaluateExits, type ExitInput } from '../src/operators/evaluate-exits.ts';
import { collectGarbage, median, x, type BenchResult } from './support/budget.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 3 : 10;
const TRADES = QUICK ? 300_000 : 2_000_000;
const SIZES = [10, 100, 1000] as const;
const T0 = Date.parse('2024-05-01T13:30:00Z');

/** Trades cycling over the held symbols, prices within +-1% of the entry (no rule arms, M rises now and then). */
function tradesFor(held: number): MarketTrade[] {
  const pool = Math.max(held * 20, 100_000);
  return Array.from({ length: pool }, (_, i) => ({
    kind: 'MarketTrade' as const,
    symbol: `S${String(i % held)}`,
    price: price(100 * (1 + 0.01 * Math.sin(i / 977))),
    size: 100,
    tsEvent: T0 + i,
  }));
}

function tracks(held: number): ExitTrack[] {
  return Array.from({ length: held }, (_, i) => ({
    kind: 'ExitTrack',
    symbol: `S${String(i)}`,
    state: { entryPrice: 100, tsEntry: T0, highWater: 100 },
    fraction: 0,
    rescaled: false,
  }));
}

interface Rate {
  /** Trades per CPU-second. */
  readonly cpu: number;
  /** Trades per wall-clock second. */
  readonly wall: number;
}

/** Trades per second through the operator (or the bare map) after the held symbols are tracked. */
function rate(held: number, trades: readonly MarketTrade[], operator: boolean): Rate {
  const input$ = new Subject<ExitInput>();
  let signals = 0;
  const out$: Observable<unknown> = operator
    ? input$.pipe(evaluateExits({ rules: DEFAULT_EXIT_RULES, staleMs: 300_000 }))
    : input$.pipe(map((t) => t.kind));
  const sub = out$.subscribe(() => (signals += 1));
  for (const t of tracks(held)) input$.next(t);
  collectGarbage();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0, k = 0; i < TRADES; i += 1, k = k + 1 === trades.length ? 0 : k + 1)
    input$.next(trades[k] as MarketTrade);
  const c = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  sub.unsubscribe();
  if (signals < 0) throw new Error('unreachable');
  return { cpu: TRADES / ((c.user + c.system) / 1e6), wall: TRADES / seconds };
}

const perSecond = (r: number): string => `${(r / 1e6).toFixed(2)} M trades/s`;

export function run(): BenchResult {
  const data = new Map(SIZES.map((n) => [n, tradesFor(n)]));
  const rates = new Map<number, Rate[]>(SIZES.map((n) => [n, []]));
  const floors: Rate[] = [];
  rate(100, data.get(100) ?? [], true); // warm-up: the JIT settles before the first timed round
  for (let r = 0; r < ROUNDS; r += 1) {
    floors.push(rate(100, data.get(100) ?? [], false));
    for (const n of SIZES) rates.get(n)?.push(rate(n, data.get(n) ?? [], true));
  }
  const cpuOf = (n: number): number[] => (rates.get(n) ?? []).map((r) => r.cpu);
  const m = new Map<number, number>(SIZES.map((n) => [n, median(cpuOf(n))]));
  const floor = median(floors.map((r) => r.cpu));
  const at = (n: number): number => m.get(n) ?? Number.NaN;
  const wallAt = (n: number): number => median((rates.get(n) ?? []).map((r) => r.wall));
  const report = [
    `${String(TRADES)} trades per round, ${String(ROUNDS)} rounds, GC before each; medians per CPU-second (wall in brackets):`,
    ...SIZES.map(
      (n) =>
        `  ${String(n).padStart(4)} held: ${perSecond(at(n))} (wall ${perSecond(wallAt(n))})  rounds: ${cpuOf(
          n,
        )
          .map((v) => (v / 1e6).toFixed(2))
          .join(', ')}`,
    ),
    `  floor, the same trades through a bare rxjs map: ${perSecond(floor)} (wall ${perSecond(median(floors.map((r) => r.wall)))})`,
  ].join('\n');
  return {
    report,
    budgets: [
      {
        path: 'soft-exit evaluation, 100 held symbols, in-process',
        budget: '>= 1,000,000 trades per CPU-second',
        measured: perSecond(at(100)),
        baseline: `bare rxjs map ${perSecond(floor)}`,
        ratio: `${x(at(100) / floor)} of the floor`,
        pass: at(100) >= 1_000_000,
      },
      {
        path: 'soft-exit evaluation, 1000 held vs 10',
        budget: 'time per trade within 1.5x',
        measured: `1000 held: ${perSecond(at(1000))}`,
        baseline: `10 held: ${perSecond(at(10))}`,
        ratio: x(at(10) / at(1000)),
        pass: at(10) / at(1000) <= 1.5,
      },
    ],
  };
}
