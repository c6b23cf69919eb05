/**
 * Invariants of the local ledger (domain/rules/risk/ledger.ts):
 * - shares per symbol are the signed sum of its fills; cash moves by exactly -signed qty x price per fill;
 * - a round trip bought and sold at the same price closes a trade losing exactly the commissions;
 * - a sale of a position strikeline did not open closes no trade.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  applyFill,
  positionsOf,
  type Ledger,
  type LedgerFill,
} from '../../../src/domain/rules/risk/ledger.ts';

const fill = fc.record({
  symbol: fc.constantFrom('AAA', 'BBB'),
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  price: fc.double({ min: 0.01, max: 1_000, noNaN: true }),
  qty: fc.integer({ min: 1, max: 100 }),
  ts: fc.integer({ min: 0, max: 1e6 }),
  strategy: fc.constantFrom<string | null>('momentum', null),
});

test.prop([fc.array(fill, { maxLength: 30 })])(
  'shares are the signed sum of fills; cash moves by their value',
  (fills) => {
    const end = fills.reduce<Ledger>((l, f) => applyFill(l, f, 0.005).ledger, {
      cash: 1e6,
      lots: {},
    });
    for (const s of ['AAA', 'BBB']) {
      const sum = fills
        .filter((f) => f.symbol === s)
        .reduce((n, f) => n + (f.side === 'buy' ? f.qty : -f.qty), 0);
      expect(positionsOf(end)[s] ?? 0).toBeCloseTo(sum, 6);
    }
    expect(end.cash).toBeCloseTo(
      fills.reduce((c, f) => c - (f.side === 'buy' ? 1 : -1) * f.qty * f.price, 1e6),
      4,
    );
  },
);

test.prop([fill, fc.double({ min: 0, max: 1, noNaN: true })])(
  'a flat round trip loses exactly the commissions; a foreign position closes nothing',
  (f: LedgerFill, commission) => {
    const bought = applyFill({ cash: 0, lots: {} }, { ...f, side: 'buy' }, commission).ledger;
    const sold = applyFill(bought, { ...f, side: 'sell' }, commission);
    if (f.strategy === null) expect(sold.closed).toBeNull();
    else expect(sold.closed?.pnl).toBeCloseTo(-2 * commission * f.qty, 6);
    expect(sold.ledger.lots[f.symbol]).toBeUndefined();
  },
);
