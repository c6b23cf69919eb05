/** Portfolio heat: one definition for the pipeline's heat room and the dashboard's "heat now". */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { allocate } from '../../../src/domain/rules/allocation.ts';
import { heatRoom } from '../../../src/domain/rules/pipeline/entry-size.ts';
import { portfolioHeat } from '../../../src/domain/rules/pipeline/portfolio-heat.ts';

const money = fc.double({ min: 0, max: 1e7, noNaN: true });
const cap = fc.option(fc.double({ min: 1, max: 1e7, noNaN: true }), { nil: undefined });

test.prop([money, fc.double({ min: -1e6, max: 1e7, noNaN: true }), cap])(
  'heat is exposure over the allocator’s equity base, never negative',
  (equity, lmv, capitalCap) => {
    const h = portfolioHeat({ equity, longMarketValue: lmv, capitalCap });
    const base = allocate({
      equity,
      buyingPower: 0,
      longMarketValue: lmv,
      capitalCap,
      cashBufferPct: 0,
      maxPositionPct: 5,
      maxPositionUsd: 1,
      count: 1,
    }).equityBase;
    expect(h.equityBase).toBe(base);
    expect(h.exposure).toBe(Math.max(0, lmv));
    if (base === 0) expect(h.pct).toBeNull();
    else expect(h.pct).toBeCloseTo((100 * h.exposure) / base, 9);
  },
);

test.prop([money, money, cap, fc.double({ min: 1, max: 100, noNaN: true })])(
  'heat at or above the limit leaves no heat room',
  (equity, lmv, capitalCap, limit) => {
    const h = portfolioHeat({ equity, longMarketValue: lmv, capitalCap });
    if (h.pct !== null && h.pct >= limit * (1 + 1e-9))
      expect(heatRoom(limit, h.equityBase, h.exposure)).toBe(0);
  },
);
