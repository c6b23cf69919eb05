/**
 * Invariants of the catastrophe stop (domain/rules/exit-rules.ts protectiveStopPrice, and the protection plan):
 * - under `percent` (the default) the stop is the percent stop, whatever the ATR;
 * - under `atr` with a known ATR the stop is E - multiple x ATR rounded down to a tick: never tighter, at most a
 *   tick below, always positive (an ATR too large for the price falls back to the percent stop);
 * - a larger ATR never raises the stop;
 * - under `atr`, an OCO standing at another stop price is cancelled so the ATR stop replaces it; while the ATR
 *   is unknown (a restart before the bars are read) a standing OCO is kept; under `percent` an OCO of the right
 *   size is kept whatever its price;
 * - the config's `exits.catastrophe_stop` and `exits.atr_stop_multiple` reach the rules.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  hardStopPrice,
  protectiveStopPrice,
  type ExitRuleOptions,
} from '../../../src/domain/rules/exit-rules.ts';
import { DEFAULT_EXIT_RULES, exitRulesFromConfig } from '../../../src/config/exit-rules-config.ts';
import { configSchema } from '../../../src/config/schema.ts';
import { roundToTick, tickSize } from '../../../src/domain/money.ts';
import { planProtection } from '../../../src/domain/rules/protection-plan.ts';
import type { TrackedOrder } from '../../../src/domain/holdings/holding.ts';

const entryArb = fc.double({ min: 1, max: 5_000, noNaN: true }).map((p) => roundToTick(p));
const atrArb = fc.double({ min: 0.001, max: 500, noNaN: true });
const multipleArb = fc.double({ min: 0.5, max: 20, noNaN: true });
const atrRules = (atrMultiple: number): ExitRuleOptions => ({
  ...DEFAULT_EXIT_RULES,
  catastrophe: { mode: 'atr', atrMultiple },
});

test('the default rules keep the percent stop', () => {
  expect(DEFAULT_EXIT_RULES.catastrophe?.mode).toBe('percent');
});

test.prop([entryArb, fc.option(atrArb, { nil: null })])(
  'percent: the percent stop whatever the ATR',
  (entry, atr) => {
    expect(protectiveStopPrice(entry, atr, DEFAULT_EXIT_RULES)).toBe(
      hardStopPrice(entry, DEFAULT_EXIT_RULES),
    );
  },
);

test.prop([entryArb, atrArb, multipleArb])(
  'atr: E - multiple x ATR, never tighter, positive',
  (entry, atr, multiple) => {
    const rules = atrRules(multiple);
    const stop = protectiveStopPrice(entry, atr, rules);
    expect(stop).toBeGreaterThan(0);
    const raw = entry - multiple * atr;
    if (roundToTick(raw, 'down') > 0) {
      expect(stop).toBeLessThanOrEqual(raw + 1e-9);
      expect(raw - stop).toBeLessThan(tickSize(raw) + 1e-9);
    } else {
      expect(stop).toBe(hardStopPrice(entry, rules));
    }
    expect(protectiveStopPrice(entry, null, rules)).toBe(hardStopPrice(entry, rules));
  },
);

test.prop([entryArb, atrArb, atrArb, multipleArb])(
  'a larger ATR never raises the stop (while it applies)',
  (entry, a, b, multiple) => {
    const rules = atrRules(multiple);
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    if (roundToTick(entry - multiple * hi, 'down') > 0) {
      expect(protectiveStopPrice(entry, hi, rules)).toBeLessThanOrEqual(
        protectiveStopPrice(entry, lo, rules),
      );
    }
  },
);

const oco = (qty: number, stopPrice: number): TrackedOrder => ({
  clientOrderId: 'c0',
  orderId: 'o0',
  liveIds: ['o0'],
  role: 'oco',
  qty,
  stopPrice,
  limitPrice: null,
  state: 'open',
  n: 0,
  tsSince: 0,
});

test.prop([fc.integer({ min: 1, max: 1_000 }), entryArb, atrArb])(
  'atr: an OCO at the percent stop is replaced once the ATR is known',
  (qty, entry, atr) => {
    const rules = atrRules(3);
    const percent = hardStopPrice(entry, rules);
    const target = protectiveStopPrice(entry, atr, rules);
    const steps = planProtection(
      { qty, entryPrice: entry, orders: [oco(qty, percent)], atr },
      { rules, sessionOpen: true },
    );
    if (Math.abs(target - percent) < 1e-9) expect(steps).toEqual([]);
    else expect(steps.map((s) => s.kind)).toEqual(['cancel']);
    // Once the cancel is confirmed, the OCO comes back at the ATR stop.
    const placed = planProtection(
      { qty, entryPrice: entry, orders: [], atr },
      { rules, sessionOpen: true },
    );
    expect(placed).toMatchObject([{ kind: 'place', role: 'oco', qty, stopPrice: target }]);
    // Under percent the same standing OCO is kept.
    expect(
      planProtection(
        { qty, entryPrice: entry, orders: [oco(qty, percent + 1)], atr },
        { rules: DEFAULT_EXIT_RULES, sessionOpen: true },
      ),
    ).toEqual([]);
  },
);

test.prop([
  fc.integer({ min: 1, max: 1_000 }),
  entryArb,
  fc.double({ min: 0.5, max: 1.5, noNaN: true }),
])('atr: while the ATR is unknown a standing OCO is kept', (qty, entry, k) => {
  const standing = roundToTick(entry * 0.9 * k, 'down');
  expect(
    planProtection(
      { qty, entryPrice: entry, orders: [oco(qty, standing)], atr: null },
      { rules: atrRules(3), sessionOpen: true },
    ),
  ).toEqual([]);
});

test.prop([entryArb, atrArb, multipleArb])(
  'the config keys reach the rules',
  (entry, atr, multiple) => {
    const rules = exitRulesFromConfig(
      configSchema.parse({ exits: { catastrophe_stop: 'atr', atr_stop_multiple: multiple } }).exits,
    );
    expect(protectiveStopPrice(entry, atr, rules)).toBe(
      protectiveStopPrice(entry, atr, atrRules(multiple)),
    );
    const percent = exitRulesFromConfig(
      configSchema.parse({ exits: { atr_stop_multiple: multiple } }).exits,
    );
    expect(protectiveStopPrice(entry, atr, percent)).toBe(hardStopPrice(entry, percent));
  },
);
