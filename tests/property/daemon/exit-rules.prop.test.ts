/**
 * Invariants of the exit rules (domain/rules/exit-rules.ts) and the daemon's client ids:
 * - M (the high-water mark) never decreases and never falls below E;
 * - the soft-exit floor never decreases as trades arrive, and once armed stays armed;
 * - break-even and trailing never arm below their triggers;
 * - a price decision happens only at or below the floor; above it only the time stop can decide;
 * - hard stop < E < target, both valid ticks;
 * - a client order id depends only on its inputs, fits in 48 characters and names its role.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  protectiveClientOrderId,
  roleOfClientOrderId,
} from '../../../src/domain/ids/client-order-ids.ts';
import {
  applyTradePrice,
  breakEvenArmed,
  evaluateSoftExit,
  hardStopPrice,
  openExitState,
  softExitFloor,
  takeProfitPrice,
  trailingArmed,
} from '../../../src/domain/rules/exit-rules.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/config/exit-rules-config.ts';
import { roundToTick } from '../../../src/domain/money.ts';

const entryArb = fc.double({ min: 0.5, max: 2_000, noNaN: true }).map((p) => roundToTick(p));
/** Trade prices as ratios of E, around it. */
const pathArb = fc.array(fc.double({ min: 0.8, max: 1.3, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});
const rules = DEFAULT_EXIT_RULES;

test.prop([entryArb, pathArb])(
  'M never decreases, the floor never decreases and stays armed once armed',
  (e, path) => {
    let s = openExitState(e, 0);
    let floor = softExitFloor(s, rules);
    for (const r of path) {
      const next = applyTradePrice(s, e * r);
      expect(next.highWater).toBeGreaterThanOrEqual(s.highWater);
      expect(next.highWater).toBeGreaterThanOrEqual(e);
      const f = softExitFloor(next, rules);
      if (floor !== null) {
        expect(f).not.toBeNull();
        expect(f ?? 0).toBeGreaterThanOrEqual(floor);
      }
      s = next;
      floor = f;
    }
  },
);

test.prop([entryArb, pathArb])(
  'break-even and trailing never arm below their triggers',
  (e, path) => {
    const s = path.reduce((acc, r) => applyTradePrice(acc, e * r), openExitState(e, 0));
    if (s.highWater < e * (1 + rules.breakEvenTriggerPct / 100))
      expect(breakEvenArmed(s, rules)).toBe(false);
    if (s.highWater < e * (1 + rules.trailingTriggerPct / 100))
      expect(trailingArmed(s, rules)).toBe(false);
    if (!breakEvenArmed(s, rules) && !trailingArmed(s, rules))
      expect(softExitFloor(s, rules)).toBeNull();
  },
);

test.prop([entryArb, pathArb, fc.double({ min: 0.8, max: 1.3, noNaN: true })])(
  'a price decision only at or below the floor',
  (e, path, last) => {
    const s = path.reduce((acc, r) => applyTradePrice(acc, e * r), openExitState(e, 0));
    const p = e * last;
    const decision = evaluateSoftExit(s, p, 1, rules);
    const floor = softExitFloor(applyTradePrice(s, p), rules);
    if (decision !== null) {
      expect(decision.rule).not.toBe('time_stop');
      expect(floor).not.toBeNull();
      expect(p).toBeLessThanOrEqual(floor ?? -Infinity);
    } else if (floor !== null) {
      expect(p).toBeGreaterThan(floor);
    }
  },
);

test.prop([entryArb, fc.double({ min: 0, max: 30, noNaN: true })])(
  'only the time stop decides above the floor, once older than the limit',
  (e, days) => {
    const s = openExitState(e, 0);
    const decision = evaluateSoftExit(s, e * 1.001, days * 86_400_000, rules);
    if (days > rules.timeStopDays) expect(decision?.rule).toBe('time_stop');
    else expect(decision).toBeNull();
  },
);

test.prop([entryArb])('hard stop < E < target, on valid ticks', (e) => {
  const stop = hardStopPrice(e, rules);
  const target = takeProfitPrice(e, rules);
  expect(stop).toBeLessThan(e);
  expect(target).toBeGreaterThan(e);
  expect(roundToTick(stop)).toBe(stop);
  expect(roundToTick(target)).toBe(target);
});

const idInput = fc.record({
  role: fc.constantFrom('oco' as const, 'stop' as const, 'exit' as const, 'fexit' as const),
  symbol: fc.stringMatching(/^[A-Z]{1,5}(\.[A-Z])?$/),
  anchor: fc.uuid(),
  qty: fc.double({ min: 0.000000001, max: 1e6, noNaN: true }),
  n: fc.nat({ max: 1_000 }),
});

test.prop([idInput, idInput])(
  'client ids depend only on their inputs, fit 48 characters and carry their role',
  (a, b) => {
    const id = protectiveClientOrderId(a);
    expect(protectiveClientOrderId({ ...a })).toBe(id);
    expect(id.length).toBeLessThanOrEqual(48);
    expect(roleOfClientOrderId(id)).toBe(a.role);
    const same =
      a.role === b.role &&
      a.symbol === b.symbol &&
      a.anchor === b.anchor &&
      a.qty.toFixed(9) === b.qty.toFixed(9) &&
      a.n === b.n;
    if (!same) expect(protectiveClientOrderId(b)).not.toBe(id);
  },
);
