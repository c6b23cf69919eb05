/**
 * Invariants of the ranking order (jobs/rank/rank-signals.ts):
 * - compareSignals is a total order: antisymmetric, transitive, zero only for equal summaries, also over
 *   summaries as parsed from logs with any state and verdict and a `-0` where a number is zero;
 * - the ranking does not depend on the order the logs were read in (stable, deterministic);
 * - kept signals are sorted by win rate desc, then profit factor desc, then trades desc, then ticker; ranks are 1..n.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { compareSignals, rankSignals } from '../../../src/jobs/rank/rank-signals.ts';
import {
  SIGNAL_STATES,
  signalSummarySchema,
  type SignalSummary,
} from '../../../src/jobs/rank/signal-summary.ts';

const summary: fc.Arbitrary<SignalSummary> = fc.record({
  ticker: fc.constantFrom('AAPL', 'MSFT', 'NVDA', 'AMD', 'IBM'),
  strategy: fc.constantFrom('momentum', 'ma_crossover'),
  state: fc.constant('IN_TRADE' as const),
  verdict: fc.constant('PROFITABLE' as const),
  win_rate: fc.constantFrom(0.5, 0.6, 0.7),
  trades: fc.integer({ min: 1, max: 4 }),
  profit_factor: fc.constantFrom(1.2, 2, Infinity),
  avg_return_pct: fc.constantFrom(0.5, 1),
  signal_date: fc.constantFrom('2024-05-01', '2024-04-30'),
  price: fc.constantFrom(10, 20),
});

function totalOrder(a: SignalSummary, b: SignalSummary, c: SignalSummary): void {
  // Opposite signs sum to 0. (Comparing sign(ab) with -sign(ba) by Object.is, as this test once did, fails
  // for equal summaries: -sign(0) is -0. That, not the ranker, made seed 2035676167 fail.)
  expect(Math.sign(compareSignals(a, b)) + Math.sign(compareSignals(b, a))).toBe(0);
  if (compareSignals(a, b) <= 0 && compareSignals(b, c) <= 0)
    expect(compareSignals(a, c)).toBeLessThanOrEqual(0);
  if (compareSignals(a, b) === 0) expect(a).toEqual(b);
}

/** Seed 2035676167's shrunk counterexample: a summary compared with an equal one. */
const IBM: SignalSummary = {
  ticker: 'IBM',
  strategy: 'momentum',
  state: 'IN_TRADE',
  verdict: 'PROFITABLE',
  win_rate: 0.6,
  trades: 3,
  profit_factor: 2,
  avg_return_pct: 1,
  signal_date: '2024-04-30',
  price: 20,
};
const AAPL: SignalSummary = {
  ticker: 'AAPL',
  strategy: 'momentum',
  state: 'IN_TRADE',
  verdict: 'PROFITABLE',
  win_rate: 0.5,
  trades: 1,
  profit_factor: 1.2,
  avg_return_pct: 0.5,
  signal_date: '2024-05-01',
  price: 10,
};

test.prop([summary, summary, summary], { examples: [[IBM, { ...IBM }, AAPL]] })(
  'compareSignals is a total order',
  totalOrder,
);

test.prop([summary, summary, summary], { seed: 2035676167 })(
  'compareSignals is a total order (replaying seed 2035676167)',
  totalOrder,
);

/** Summaries as the parser makes them from log lines: any state and verdict, and -0 wherever a number is 0 (few values, many ties). */
const parsed: fc.Arbitrary<SignalSummary> = fc
  .record({
    ticker: fc.constantFrom('AAPL', 'MSFT'),
    strategy: fc.constantFrom('momentum', 'ma_crossover'),
    state: fc.constantFrom(...SIGNAL_STATES),
    verdict: fc.constantFrom('PROFITABLE', 'UNPROFITABLE'),
    win_rate: fc.constantFrom(0, -0, 0.5),
    trades: fc.constantFrom(0, -0),
    profit_factor: fc.constantFrom(0, -0, null),
    avg_return_pct: fc.constantFrom(0, -0),
    signal_date: fc.constantFrom('2024-05-01'),
    price: fc.constantFrom(10),
  })
  .map((raw) => signalSummarySchema.parse(raw));

test.prop([parsed, parsed, parsed], { numRuns: 1_000 })(
  'compareSignals is a total order over summaries as parsed from logs',
  totalOrder,
);

const options = { asOf: '2024-05-02', maxSignalAgeDays: 3, blackSheep: [], allowBlackSheep: false };

test.prop([
  fc
    .array(summary, { maxLength: 20 })
    .chain((xs) =>
      fc.tuple(
        fc.constant(xs),
        fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }),
      ),
    ),
])(
  'the ranking is the same whatever order the logs come in, and sorted by the rules',
  ([xs, shuffled]) => {
    const a = rankSignals(xs, options).ranked;
    expect(rankSignals(shuffled, options).ranked).toEqual(a);
    expect(a.map((s) => s.rank)).toEqual(a.map((_s, i) => i + 1));
    for (let i = 1; i < a.length; i += 1) {
      const p = a[i - 1]!;
      const q = a[i]!;
      const key = (s: typeof p): [number, number, number] => [
        -s.winRate,
        -s.profitFactor,
        -s.trades,
      ];
      const [p1, p2, p3] = key(p);
      const [q1, q2, q3] = key(q);
      expect(
        p1 < q1 ||
          (p1 === q1 &&
            (p2 < q2 || (p2 === q2 && (p3 < q3 || (p3 === q3 && p.ticker <= q.ticker))))),
      ).toBe(true);
    }
  },
);
