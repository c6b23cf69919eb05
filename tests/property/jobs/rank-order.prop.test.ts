/**
 * Invariants of the ranking order (jobs/rank-signals.ts):
 * - compareSignals is a total order: antisymmetric, transitive, zero only for equal summaries;
 * - the ranking does not depend on the order the logs were read in (stable, deterministic);
 * - kept signals are sorted by win rate desc, then profit factor desc, then trades desc, then ticker; ranks are 1..n.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { compareSignals, rankSignals } from '../../../src/jobs/rank-signals.ts';
import type { SignalSummary } from '../../../src/jobs/signal-summary.ts';

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

test.prop([summary, summary, summary])('compareSignals is a total order', (a, b, c) => {
  expect(Math.sign(compareSignals(a, b))).toBe(-Math.sign(compareSignals(b, a)));
  if (compareSignals(a, b) <= 0 && compareSignals(b, c) <= 0)
    expect(compareSignals(a, c)).toBeLessThanOrEqual(0);
  if (compareSignals(a, b) === 0) expect(a).toEqual(b);
});

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
