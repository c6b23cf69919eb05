import { describe, expect, it } from 'vitest';
import { assetIdFor } from '../../../../src/sim/engine/ids.ts';
import { codeForStatus, formatQty } from '../../../../src/sim/engine/rejections.ts';
import { createRng } from '../../../../src/sim/engine/rng.ts';
import { quoteAround } from '../../../../src/sim/engine/tape.ts';

describe('engine parts', () => {
  it('the rng repeats per seed and stays in [0, 1)', () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(6).next()).not.toBe(createRng(5).next());
  });

  it('formats quantities like Alpaca messages', () => {
    expect([
      formatQty(10),
      formatQty(0),
      formatQty(2.5),
      formatQty(1e-9),
      formatQty(0.1 + 0.2),
    ]).toEqual(['10', '0', '2.5', '0.000000001', '0.3']);
  });

  it('maps injected statuses to codes', () => {
    expect([403, 422, 500].map((s) => codeForStatus(s as 403 | 422 | 500))).toEqual([
      40310000, 42210000, 50010000,
    ]);
  });

  it('quotes never cross and keep a positive bid', () => {
    expect(quoteAround({ symbol: 'X', price: 100, size: 1, ts: 0, id: 0 }, 0)).toMatchObject({
      bid: 100,
      ask: 100,
    });
    expect(quoteAround({ symbol: 'X', price: 0.0001, size: 1, ts: 0, id: 0 }, 500)).toMatchObject({
      bid: 0.0001,
    });
    const q = quoteAround({ symbol: 'X', price: 1.005, size: 1, ts: 0, id: 0 }, 1);
    expect(q.bid).toBeLessThanOrEqual(q.ask);
  });

  it('asset ids are UUID-shaped and stable', () => {
    expect(assetIdFor('AAPL')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(assetIdFor('AAPL')).toBe(assetIdFor('AAPL'));
    expect(assetIdFor('MSFT')).not.toBe(assetIdFor('AAPL'));
  });
});
