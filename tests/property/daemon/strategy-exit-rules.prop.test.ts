/**
 * Invariants of the strategies' own exit rules (domain/rules/strategy-exits/strategy-exit-rules.ts):
 * - a strategy without a rule of its own never exits by one, whatever the indicators;
 * - an unknown indicator (null or NaN) never triggers its rule;
 * - RSI mean reversion exits exactly when RSI > 50, or price >= VWAP, or 20 sessions are held (RSI first);
 * - the MA crossover exits exactly when the 20-day average is below the 100-day one;
 * - ML momentum exits exactly after 5 sessions or when P(up) < 0.5; momentum exactly after its 20 sessions;
 * - a decision carries the price it was taken at.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  evaluateStrategyExit,
  strategyExitLabel,
  type StrategyExitView,
} from '../../../src/domain/rules/strategy-exits/strategy-exit-rules.ts';

const maybe = (arb: fc.Arbitrary<number>): fc.Arbitrary<number | null> =>
  fc.oneof(arb, fc.constant(null), fc.constant(Number.NaN));
const viewArb: fc.Arbitrary<StrategyExitView> = fc.record({
  price: fc.double({ min: 0.01, max: 5_000, noNaN: true }),
  sessionsHeld: fc.integer({ min: 0, max: 40 }),
  rsi: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  vwap: maybe(fc.double({ min: 0.01, max: 5_000, noNaN: true })),
  fastMa: maybe(fc.double({ min: 0.01, max: 5_000, noNaN: true })),
  slowMa: maybe(fc.double({ min: 0.01, max: 5_000, noNaN: true })),
  upProbability: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
});
const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

test.prop([
  viewArb,
  fc.constantFrom('mean_reversion', 'gap_fill', 'pairs_trading', 'gp_00ff', null),
])('a strategy without a rule never exits by one', (view, strategy) => {
  expect(evaluateStrategyExit(strategy, view)).toBeNull();
});

test.prop([viewArb])('RSI mean reversion: RSI > 50, price at VWAP, or 20 sessions', (view) => {
  const d = evaluateStrategyExit('rsi_mean_reversion', view);
  const rsiUp = finite(view.rsi) && view.rsi > 50;
  const atVwap = finite(view.vwap) && view.price >= view.vwap;
  const expected = rsiUp
    ? 'rsi_above_50'
    : atVwap
      ? 'price_at_vwap'
      : view.sessionsHeld >= 20
        ? 'max_hold'
        : null;
  expect(d?.rule ?? null).toBe(expected);
  if (d !== null) expect(d.price).toBe(view.price);
});

test.prop([viewArb])('MA crossover: the 20-day average below the 100-day one', (view) => {
  const below = finite(view.fastMa) && finite(view.slowMa) && view.fastMa < view.slowMa;
  expect(evaluateStrategyExit('ma_crossover', view)?.rule ?? null).toBe(
    below ? 'ma_cross_below' : null,
  );
});

test.prop([viewArb])('ML momentum: 5 sessions or the model no longer expecting a rise', (view) => {
  const reversal = finite(view.upProbability) && view.upProbability < 0.5;
  const expected = view.sessionsHeld >= 5 ? 'max_hold' : reversal ? 'model_reversal' : null;
  expect(evaluateStrategyExit('ml_momentum', view)?.rule ?? null).toBe(expected);
});

test.prop([viewArb])('momentum: its hold period, whatever the indicators', (view) => {
  expect(evaluateStrategyExit('momentum', view)?.rule ?? null).toBe(
    view.sessionsHeld >= 20 ? 'hold_period' : null,
  );
});

test.prop([
  fc.constantFrom('rsi_above_50', 'max_hold', 'ma_cross_below') as fc.Arbitrary<
    Parameters<typeof strategyExitLabel>[0]
  >,
])('the label names the rule', (rule) => {
  expect(strategyExitLabel(rule)).toBe(`strategy exit (${rule})`);
});
