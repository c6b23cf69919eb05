/**
 * Invariants of the reconciliation gate and the trading state (domain/rules/risk/):
 * - a book reconciles with itself; a wider tolerance never finds more discrepancies; every mismatched item is listed;
 * - folding the same evaluation twice trips nothing the second time (a trip latches once);
 * - an expired trip is never active; a drawdown lifts once a measurement no longer trips it;
 * - acknowledging lifts every kill and the kill does not trip again the same day on the same evaluation;
 * - HALTED means size 0 and every entry stopped; otherwise the size scalar is in (0, 1].
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { reconcile, type Book } from '../../../src/domain/rules/risk/reconcile.ts';
import { accountBreakers } from '../../../src/domain/rules/risk/account-breakers.ts';
import {
  acknowledgeKills,
  applyEvaluation,
  emptyRiskBook,
} from '../../../src/domain/rules/risk/risk-book.ts';
import { activeTrips, entryVerdict, riskView } from '../../../src/domain/rules/risk/risk-view.ts';
import { nyDate } from '../../../src/domain/time/ny-dates.ts';
import { limitsArb } from '../../support/risk-limits.ts';

const qty = fc.double({ min: 0, max: 1e4, noNaN: true });
const book: fc.Arbitrary<Book> = fc.record({
  cash: fc.double({ min: 0, max: 1e7, noNaN: true }),
  positions: fc
    .dictionary(fc.constantFrom('AAA', 'BBB', 'CCC', 'DDD'), qty)
    .map((d) => new Map(Object.entries(d))),
});
const tol = fc.double({ min: 0, max: 50, noNaN: true });

test.prop([book, tol])('a book reconciles with itself', (b, t) => {
  expect(reconcile(b, b, t).ok).toBe(true);
});

test.prop([book, book, tol, tol])(
  'a wider tolerance never finds more; every mismatch is listed',
  (a, b, t1, t2) => {
    const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
    const narrow = reconcile(a, b, lo);
    expect(reconcile(a, b, hi).discrepancies.length).toBeLessThanOrEqual(
      narrow.discrepancies.length,
    );
    const exact = reconcile(a, b, 0);
    const differing = [...new Set([...a.positions.keys(), ...b.positions.keys()])].filter(
      (s) => Math.abs((a.positions.get(s) ?? 0) - (b.positions.get(s) ?? 0)) > 1e-9,
    );
    expect(
      exact.discrepancies
        .filter((d) => d.kind === 'position')
        .map((d) => d.item)
        .sort(),
    ).toEqual(differing.sort());
  },
);

const account = fc.record({
  equity: fc.double({ min: 1, max: 1e6, noNaN: true }),
  lastClose: fc.double({ min: 1, max: 1e6, noNaN: true }),
  high: fc.double({ min: 0, max: 1e6, noNaN: true }),
});
const evaluate = (
  a: { equity: number; lastClose: number; high: number },
  l: Parameters<typeof accountBreakers>[1],
  now: number,
) =>
  accountBreakers(
    {
      now,
      equity: a.equity,
      lastClose: a.lastClose,
      highWater: Math.max(a.equity, a.lastClose) + a.high,
      window: [],
      tsSessionEnd: now + 1_000,
    },
    l,
  );

test.prop([account, limitsArb])('a trip latches once; expired trips are never active', (a, l) => {
  const e = evaluate(a, l, 100);
  const first = applyEvaluation(emptyRiskBook('d'), e, 100, 'd');
  expect(first.tripped.length).toBe(e.trips.length);
  const again = applyEvaluation(first.book, evaluate(a, l, 200), 200, 'd');
  expect(again.tripped.filter((t) => t.name !== 'rapid_loss')).toEqual([]);
  const later = 100 + 1_000 + l.rapidLossPauseMs + 1;
  for (const t of activeTrips(again.book, later))
    expect(t.tsExpires === null || t.tsExpires > later).toBe(true);
});

test.prop([account, limitsArb])(
  'a drawdown lifts when equity recovers; acknowledged kills stay lifted that day',
  (a, l) => {
    const tripped = applyEvaluation(emptyRiskBook('d'), evaluate(a, l, 100), 100, 'd').book;
    const top = Math.max(a.equity, a.lastClose) + a.high;
    const recovered = applyEvaluation(
      tripped,
      evaluate({ equity: top, lastClose: a.lastClose, high: 0 }, l, 101),
      101,
      'd',
    ).book;
    expect(recovered.trips.some((t) => t.name === 'drawdown')).toBe(false);
    const acked = acknowledgeKills(tripped, 102).book;
    expect(acked.trips.some((t) => t.name === 'daily_drawdown_kill')).toBe(false);
    const again = applyEvaluation(acked, evaluate(a, l, 103), 103, nyDate(103));
    expect(again.tripped.some((t) => t.name === 'daily_drawdown_kill')).toBe(false);
  },
);

test.prop([account, limitsArb, fc.boolean()])(
  'HALTED means size 0 and every entry stopped; otherwise a scalar in (0, 1]',
  (a, l, manual) => {
    const b = applyEvaluation(emptyRiskBook('d'), evaluate(a, l, 100), 100, 'd').book;
    const view = riskView(
      b,
      100,
      l.drawdownScale,
      manual ? { reason: 'HALT file', tsSince: 1 } : null,
    );
    if (view.state === 'HALTED') {
      expect(view.size_scalar).toBe(0);
      expect(entryVerdict(view, 'any').kind).toBe('stop');
    } else {
      expect(view.size_scalar).toBeGreaterThan(0);
      expect(view.size_scalar).toBeLessThanOrEqual(1);
      expect(entryVerdict(view, 'any').kind).toBe(
        view.state === 'REDUCING' && view.size_scalar < 1 ? 'scale' : 'go',
      );
    }
  },
);
