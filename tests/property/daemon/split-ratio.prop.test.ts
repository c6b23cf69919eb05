/**
 * The split rule of the audit (holdings-snapshot.ts `splitRatio`), as properties:
 *   - a position restated by a split (shares x r, average price / r, cost unchanged) is recognised, with r;
 *   - a sale (shares down, the average unchanged) or a buy (shares up, the average moved toward the buy's price,
 *     anywhere from 89 % under the entry to 10 times it) is never taken for a split;
 *   - nothing changed is no split.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { PositionReport } from '../../../src/domain/account.ts';
import { newHolding } from '../../../src/domain/holdings/holding.ts';
import { splitRatio } from '../../../src/domain/holdings/snapshot.ts';
import { price, qty } from '../../../src/domain/money.ts';

const holding = (shares: number, entry: number) =>
  newHolding('META', {
    exit: { entryPrice: entry, tsEntry: 0, highWater: entry },
    anchor: 'a',
    qty: shares,
  });
const position = (shares: number, avg: number): PositionReport => ({
  kind: 'PositionReport',
  symbol: 'META',
  qty: qty(shares),
  qtyAvailable: qty(shares),
  avgEntryPrice: price(avg),
  currentPrice: price(avg),
  marketValue: shares * avg,
  costBasis: shares * avg,
  unrealizedPl: 0,
  unrealizedPlpc: 0,
  lastdayPrice: price(avg),
});
const shares = fc.integer({ min: 1, max: 10_000 });
const entry = fc.double({ min: 1, max: 5_000, noNaN: true });

describe('splitRatio', () => {
  test.prop([shares, entry, fc.constantFrom(2, 3, 4, 5, 10, 20, 0.5, 0.25, 0.1)])(
    'recognises a split and its ratio',
    (n, e, r) => {
      const restated = Math.round((e / r) * 10_000) / 10_000;
      expect(splitRatio(holding(n, e), position(n * r, restated))).toBeCloseTo(r, 9);
    },
  );

  test.prop([shares, entry, shares])('never takes a sale for a split', (n, e, m) => {
    fc.pre(m < n);
    expect(splitRatio(holding(n, e), position(m, e))).toBeNull();
  });

  test.prop([shares, entry, shares, fc.double({ min: 0.11, max: 10, noNaN: true })])(
    'never takes a buy for a split',
    (n, e, k, at) => {
      const avg = (n * e + k * e * at) / (n + k);
      expect(splitRatio(holding(n, e), position(n + k, avg))).toBeNull();
    },
  );

  test('a buy of a few percent more shares far under the entry (the case the minimum step exists for) is no split', () => {
    // 10,000 shares at 100, then 101 more at 50: the cost moves 0.5 %, as a rounding of a split's restatement could.
    expect(
      splitRatio(holding(10_000, 100), position(10_101, (10_000 * 100 + 101 * 50) / 10_101)),
    ).toBeNull();
  });

  test.prop([shares, entry])('is null when nothing changed', (n, e) => {
    expect(splitRatio(holding(n, e), position(n, e))).toBeNull();
  });
});
