/**
 * Invariants of the entry size (domain/rules/pipeline/entry-size.ts):
 * - the final size is never above any cap (strategy allocation, max_position_pct, max_position_usd, heat room, cash);
 * - with scalars at most 1 it is the smallest limit times the scalars (to the cent, floored);
 * - heat is never exceeded: exposure + final size <= heat limit x equity;
 * - a strategy never gets more than its allocation: held + final size <= allocation_pct x equity;
 * - ATR sizing risks at most min(1 %, risk_per_trade_pct) of equity per ATR times any scalar <= 1.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { finalSize, heatRoom, sizeLimits } from '../../../src/domain/rules/pipeline/entry-size.ts';

const money = fc.double({ min: 0, max: 1e6, noNaN: true });
const input = fc.record({
  equity: fc.double({ min: 1_000, max: 1e7, noNaN: true }),
  price: fc.option(fc.double({ min: 1, max: 2_000, noNaN: true }), { nil: null }),
  atrPct: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  riskPerTradePct: fc.double({ min: 0.01, max: 10, noNaN: true }),
  maxPositionPct: fc.double({ min: 0.1, max: 100, noNaN: true }),
  maxPositionUsd: fc.double({ min: 1, max: 1e6, noNaN: true }),
  allocationPct: fc.double({ min: 0, max: 100, noNaN: true }),
  strategyHeld: money,
  heatPct: fc.double({ min: 1, max: 100, noNaN: true }),
  exposure: money,
  cashRoom: money,
  regime: fc.double({ min: 0.01, max: 2, noNaN: true }),
  correlation: fc.double({ min: 0, max: 1, noNaN: true }),
  risk: fc.double({ min: 0, max: 1, noNaN: true }),
});

test.prop([input])('never above any cap; heat and allocations respected', (i) => {
  const strategyRoom = Math.max(0, (i.allocationPct / 100) * i.equity - i.strategyHeld);
  const room = heatRoom(i.heatPct, i.equity, i.exposure);
  const limits = sizeLimits({
    equity: i.equity,
    price: i.price,
    atr: i.price === null ? null : i.price * i.atrPct,
    riskPerTradePct: i.riskPerTradePct,
    maxPositionPct: i.maxPositionPct,
    maxPositionUsd: i.maxPositionUsd,
    strategyRoom,
    heatRoom: room,
    cashRoom: i.cashRoom,
  });
  const { size } = finalSize(limits, i.regime, i.correlation, i.risk);
  for (const l of limits.filter((x) => x.name !== 'atr_risk'))
    expect(size.final_notional).toBeLessThanOrEqual(l.notional + 1e-9);
  expect(i.exposure + size.final_notional).toBeLessThanOrEqual(
    Math.max(i.exposure, (i.heatPct / 100) * i.equity) + 1e-6,
  );
  expect(i.strategyHeld + size.final_notional).toBeLessThanOrEqual(
    Math.max(i.strategyHeld, (i.allocationPct / 100) * i.equity) + 1e-6,
  );
  expect(size.final_notional).toBeLessThanOrEqual(
    size.limit_notional * i.regime * i.correlation * i.risk + 0.01,
  );
  if (i.regime <= 1)
    expect(size.final_notional).toBeGreaterThanOrEqual(
      size.limit_notional * i.regime * i.correlation * i.risk - 0.02,
    );
  const atr = limits.find((l) => l.name === 'atr_risk');
  if (atr !== undefined && i.price !== null && i.regime <= 1) {
    const sharesAtRisk = size.final_notional / i.price;
    expect(sharesAtRisk * i.price * i.atrPct).toBeLessThanOrEqual(
      (Math.min(1, i.riskPerTradePct) / 100) * i.equity * (1 + 1e-9) + 1e-9,
    );
  }
});

test('the low regime lifts an ATR-sized entry up to the next cap, no further', () => {
  const limits = sizeLimits({
    equity: 100_000,
    price: 100,
    atr: 50,
    riskPerTradePct: 2,
    maxPositionPct: 5,
    maxPositionUsd: 15_000,
    strategyRoom: 30_000,
    heatRoom: 30_000,
    cashRoom: 90_000,
  });
  expect(limits.find((l) => l.name === 'atr_risk')?.notional).toBe(2_000);
  expect(finalSize(limits, 1.2, 1, 1).size.final_notional).toBe(2_400);
  const tight = sizeLimits({
    equity: 100_000,
    price: 100,
    atr: 50,
    riskPerTradePct: 2,
    maxPositionPct: 2.2,
    maxPositionUsd: 15_000,
    strategyRoom: 30_000,
    heatRoom: 30_000,
    cashRoom: 90_000,
  });
  expect(finalSize(tight, 1.2, 1, 1)).toMatchObject({
    size: { final_notional: 2_200 },
    cappedBy: 'max_position_pct',
  });
});

test('risk_per_trade_pct below 1 % lowers the ATR target', () => {
  const at = (riskPerTradePct: number) =>
    sizeLimits({
      equity: 100_000,
      price: 100,
      atr: 5,
      riskPerTradePct,
      maxPositionPct: 100,
      maxPositionUsd: 1e6,
      strategyRoom: 1e6,
      heatRoom: 1e6,
      cashRoom: 1e6,
    }).find((l) => l.name === 'atr_risk')?.notional;
  expect(at(2)).toBe(20_000);
  expect(at(0.5)).toBe(10_000);
});
