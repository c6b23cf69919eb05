/**
 * Invariants of the protection planner (domain/rules/protection-plan.ts):
 * - the shares reserved by existing orders plus everything it places never exceed the position;
 * - for an unprotected position in session, the whole-share OCO plus the fractional DAY stop equal the position
 *   (out of session: the OCO alone, for the whole shares);
 * - prices are valid ticks and stop < entry < target;
 * - it never cancels an order that is not ours, nor one whose outcome is unclear;
 * - once its placements are acknowledged and its cancels confirmed, planning again changes nothing.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { OrderRole } from '../../../src/domain/ids/client-order-ids.ts';
import type { ExitRuleOptions } from '../../../src/domain/rules/exit-rules.ts';
import {
  reservedQty,
  type TrackedOrder,
  type TrackedState,
} from '../../../src/domain/holdings/holding.ts';
import { floorQty, isWholeQty, roundToTick, price } from '../../../src/domain/money.ts';
import {
  planProtection,
  type PlanInput,
  type ProtectionStep,
} from '../../../src/domain/rules/protection-plan.ts';

const EPS = 1e-6;
const qtyArb = fc.oneof(
  fc.integer({ min: 0, max: 5_000 }),
  fc.double({ min: 0.000001, max: 5_000, noNaN: true }).map((q) => floorQty(q)),
);
const entryArb = fc
  .double({ min: 0.05, max: 5_000, noNaN: true })
  .map((p) => roundToTick(p))
  .filter((p) => p > 0);
const rulesArb: fc.Arbitrary<ExitRuleOptions> = fc.record({
  stopLossPct: fc.double({ min: 0.5, max: 50, noNaN: true }),
  takeProfitPct: fc.double({ min: 0.5, max: 100, noNaN: true }),
  breakEvenTriggerPct: fc.constant(1.5),
  trailingTriggerPct: fc.constant(2),
  trailingKeepPct: fc.constant(50),
  timeStopDays: fc.constant(7),
});
const roleArb = fc.constantFrom<OrderRole>('oco', 'stop', 'foreign', 'exit');
const stateArb = fc.constantFrom<TrackedState>('submitting', 'unknown', 'open', 'cancelling');

/** Existing orders that fit the position (the broker never lets reservations exceed it). */
const ordersArb = (position: number): fc.Arbitrary<TrackedOrder[]> =>
  fc
    .array(
      fc.record({
        role: roleArb,
        state: stateArb,
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 4 },
    )
    .map((specs) => {
      let left = position;
      return specs.map((s, i) => {
        const q = s.role === 'oco' ? Math.floor(left * s.share) : floorQty(left * s.share);
        left -= q;
        return {
          clientOrderId: `c${i}`,
          orderId: s.state === 'submitting' ? null : `o${i}`,
          liveIds: [`o${i}`],
          role: s.role,
          qty: q,
          stopPrice: null,
          limitPrice: null,
          state: s.state,
          n: 0,
          tsSince: 0,
        };
      });
    });

const inputArb = fc
  .tuple(qtyArb, entryArb)
  .chain(([qty, entryPrice]) =>
    ordersArb(qty).map((orders): PlanInput => ({ qty, entryPrice, orders })),
  );
const placed = (steps: ProtectionStep[]) =>
  steps.filter((s): s is Extract<ProtectionStep, { kind: 'place' }> => s.kind === 'place');

test.prop([inputArb, rulesArb, fc.boolean()])(
  'never reserves more shares than the position',
  (input, rules, sessionOpen) => {
    const steps = planProtection(input, { rules, sessionOpen });
    const added = placed(steps).reduce((s, p) => s + p.qty, 0);
    expect(reservedQty(input.orders) + added).toBeLessThanOrEqual(input.qty + EPS);
  },
);

test.prop([qtyArb, entryArb, rulesArb], {
  examples: [
    [
      4999.999999999,
      price(100),
      {
        stopLossPct: 5,
        takeProfitPct: 20,
        breakEvenTriggerPct: 1.5,
        trailingTriggerPct: 2,
        trailingKeepPct: 50,
        timeStopDays: 7,
      },
    ],
  ],
})(
  'an unprotected position: whole-share OCO + fractional DAY stop = the position',
  (qty, entryPrice, rules) => {
    const open = placed(
      planProtection({ qty, entryPrice, orders: [] }, { rules, sessionOpen: true }),
    );
    expect(open.reduce((s, p) => s + p.qty, 0)).toBeCloseTo(qty, 8);
    const oco = open.find((p) => p.role === 'oco');
    const stop = open.find((p) => p.role === 'stop');
    if (oco !== undefined) expect(isWholeQty(oco.qty) && oco.qty >= 1).toBe(true);
    if (stop !== undefined) expect(stop.qty > 0 && stop.qty < 1).toBe(true);
    const closed = placed(
      planProtection({ qty, entryPrice, orders: [] }, { rules, sessionOpen: false }),
    );
    expect(closed.map((p) => [p.role, p.qty])).toEqual(
      Math.floor(qty + 5e-10) >= 1 ? [['oco', Math.floor(qty + 5e-10)]] : [],
    );
  },
);

test.prop([qtyArb.filter((q) => q >= 1), entryArb, rulesArb])(
  'prices are valid ticks with stop < entry < target',
  (qty, entryPrice, rules) => {
    for (const p of placed(
      planProtection({ qty, entryPrice, orders: [] }, { rules, sessionOpen: true }),
    )) {
      expect(roundToTick(p.stopPrice)).toBe(p.stopPrice);
      expect(p.stopPrice).toBeLessThan(entryPrice);
      if (p.takeProfitPrice !== null) {
        expect(roundToTick(p.takeProfitPrice)).toBe(p.takeProfitPrice);
        expect(p.takeProfitPrice).toBeGreaterThan(entryPrice);
      }
    }
  },
);

test.prop([inputArb, rulesArb, fc.boolean()])(
  'cancels only working orders of ours',
  (input, rules, sessionOpen) => {
    for (const s of planProtection(input, { rules, sessionOpen })) {
      if (s.kind !== 'cancel') continue;
      expect(['oco', 'stop']).toContain(s.order.role);
      expect(s.order.state).toBe('open');
    }
  },
);

test.prop([inputArb, rulesArb])(
  'converges: after its steps are carried out, nothing more to do',
  (input, rules) => {
    let orders = input.orders
      .filter((o) => o.state !== 'cancelling')
      .map((o) => (o.state === 'open' ? o : { ...o, state: 'open' as const }));
    for (let round = 0; round < 3; round += 1) {
      const steps = planProtection({ ...input, orders }, { rules, sessionOpen: true });
      if (steps.length === 0) break;
      const cancelled = new Set(
        steps.flatMap((s) => (s.kind === 'cancel' ? [s.order.clientOrderId] : [])),
      );
      orders = [
        ...orders.filter((o) => !cancelled.has(o.clientOrderId)),
        ...placed(steps).map((p, i): TrackedOrder => ({
          clientOrderId: `p${round}-${i}`,
          orderId: `p${round}-${i}`,
          liveIds: [],
          role: p.role,
          qty: p.qty,
          stopPrice: p.stopPrice,
          limitPrice: p.takeProfitPrice,
          state: 'open',
          n: 0,
          tsSince: 0,
        })),
      ];
    }
    expect(planProtection({ ...input, orders }, { rules, sessionOpen: true })).toEqual([]);
    expect(reservedQty(orders)).toBeLessThanOrEqual(input.qty + EPS);
  },
);
