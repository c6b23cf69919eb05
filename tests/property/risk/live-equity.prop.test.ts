/**
 * Invariants of live equity and of the trips measured on it (domain/rules/risk/live-equity.ts, estimate-trips.ts):
 * - the estimate is exactly the account's equity recomputed from scratch (cash moved by every fill since the poll,
 *   each position at its latest price: a trade newer than the poll or the last fill, else that price); a fill whose
 *   position the shares held already show (the poll counted it) is not counted twice;
 * - trades learned at or before the poll (or a later fill) do not move it; with none after, it is the poll's equity;
 * - an estimate trips what the same equity measured by a poll would, marked estimated, and lifts nothing but expiry;
 * - the next poll confirms an estimated trip it measures as tripped (its start kept) and lifts one it measures clear.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { accountBreakers } from '../../../src/domain/rules/risk/account-breakers.ts';
import { applyEstimate, confirmEstimates } from '../../../src/domain/rules/risk/estimate-trips.ts';
import {
  basisOfPoll,
  liveEquity,
  withFill,
  type PriceMark,
} from '../../../src/domain/rules/risk/live-equity.ts';
import { applyEvaluation, emptyRiskBook } from '../../../src/domain/rules/risk/risk-book.ts';
import { limitsArb } from '../../support/risk-limits.ts';

const SYMBOLS = ['AAPL', 'MSFT', 'SPY'] as const;
const price = fc.double({ min: 1, max: 1_000, noNaN: true });
const qty = fc.integer({ min: 1, max: 1_000 });
const TS_POLL = 1_000_000;
const positions = fc.uniqueArray(fc.record({ symbol: fc.constantFrom(...SYMBOLS), qty, price }), {
  selector: (p) => p.symbol,
  maxLength: 3,
});
/** Fills and trades after (or, to be ignored, before) the poll, in time order. */
const happenings = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant('fill' as const),
        symbol: fc.constantFrom(...SYMBOLS),
        side: fc.constantFrom('buy' as const, 'sell' as const),
        qty,
        price,
      }),
      fc.record({
        kind: fc.constant('trade' as const),
        symbol: fc.constantFrom(...SYMBOLS),
        price,
      }),
    ),
    { maxLength: 30 },
  )
  .map((hs) => hs.map((h, k) => ({ ...h, at: TS_POLL + 1 + k })));
const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

test.prop([positions, happenings, fc.double({ min: -1e5, max: 1e6, noNaN: true })])(
  'the estimate is the account recomputed from scratch',
  (held, hs, cash0) => {
    const equity0 = cash0 + held.reduce((s, p) => s + p.qty * p.price, 0);
    let basis = basisOfPoll(equity0, equity0, TS_POLL, held);
    const marks: Record<string, PriceMark> = {};
    let cash = cash0;
    const shares = new Map(held.map((p) => [p.symbol, p.qty]));
    const last = new Map(held.map((p) => [p.symbol, p.price]));
    for (const h of hs) {
      if (h.kind === 'trade') marks[h.symbol] = { price: h.price, at: h.at };
      else {
        const signed = h.side === 'buy' ? h.qty : -h.qty;
        const positionQty = (shares.get(h.symbol) ?? 0) + signed;
        basis = withFill(basis, { ...h, positionQty });
        // The same fill learned again (or one the poll already counted) changes nothing.
        expect(withFill(basis, { ...h, positionQty })).toBe(basis);
        cash -= signed * h.price;
        shares.set(h.symbol, positionQty);
      }
      last.set(h.symbol, h.price);
    }
    const truth = cash + [...shares].reduce((s, [symbol, q]) => s + q * (last.get(symbol) ?? 0), 0);
    expect(close(liveEquity(basis, marks), truth)).toBe(true);
  },
);

test.prop([
  positions,
  fc.array(
    fc.record({
      symbol: fc.constantFrom(...SYMBOLS),
      price,
      ago: fc.integer({ min: 0, max: 60_000 }),
    }),
  ),
])('trades learned at or before the poll do not move it', (held, trades) => {
  const basis = basisOfPoll(50_000, 49_000, TS_POLL, held);
  const marks = Object.fromEntries(
    trades.map((t) => [t.symbol, { price: t.price, at: TS_POLL - t.ago }]),
  );
  expect(liveEquity(basis, marks)).toBe(50_000);
  expect(liveEquity(basis, {})).toBe(50_000);
});

const NOW = TS_POLL + 5_000;
const reading = fc.record({
  equity: fc.double({ min: 50_000, max: 150_000, noNaN: true }),
  lastClose: fc.double({ min: 50_000, max: 150_000, noNaN: true }),
});
const measure = (
  r: { equity: number; lastClose: number },
  l: Parameters<typeof accountBreakers>[1],
) =>
  accountBreakers(
    {
      now: NOW,
      equity: r.equity,
      lastClose: r.lastClose,
      highWater: Math.max(r.equity, r.lastClose, 150_000),
      window: [],
      tsSessionEnd: NOW + 3_600_000,
    },
    l,
  );

test.prop([reading, limitsArb])(
  'an estimate trips what a poll would, marked estimated, and lifts nothing',
  (r, l) => {
    const poll = applyEvaluation(emptyRiskBook('d'), measure(r, l), NOW, 'd');
    const est = applyEstimate(emptyRiskBook('d'), measure(r, l), NOW, 'd');
    expect(est.tripped.map((t) => t.name)).toEqual(poll.tripped.map((t) => t.name));
    expect(est.tripped.every((t) => t.estimated === true)).toBe(true);
    // A rosy estimate after the trips: nothing lifts (drawdown too waits for the poll).
    const rosy = applyEstimate(
      est.book,
      measure({ equity: 150_000, lastClose: 100_000 }, l),
      NOW + 1,
      'd',
    );
    expect(rosy.lifted).toEqual([]);
    expect(rosy.book.trips.map((t) => t.name)).toEqual(est.book.trips.map((t) => t.name));
  },
);

test.prop([reading, reading, limitsArb])(
  'the poll confirms the estimated trips it measures as tripped and lifts the others',
  (estimated, polled, l) => {
    const est = applyEstimate(emptyRiskBook('d'), measure(estimated, l), NOW, 'd');
    const e = measure(polled, l);
    const after = confirmEstimates(applyEvaluation(est.book, e, NOW + 1_000, 'd'), e.measurements);
    const trippedAtPoll = new Set(e.measurements.filter((m) => m.tripped).map((m) => m.name));
    expect(after.book.trips.every((t) => t.estimated !== true)).toBe(true);
    for (const t of est.tripped) {
      const kept = after.book.trips.find((x) => x.name === t.name);
      if (trippedAtPoll.has(t.name)) expect(kept?.tsTriggered).toBe(NOW);
      else expect(after.lifted.map((x) => x.name)).toContain(t.name);
    }
  },
);
