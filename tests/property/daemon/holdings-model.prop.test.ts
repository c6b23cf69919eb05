/**
 * Model-based invariants of the daemon's reducer against a tiny broker model (random fills, duplicated fill
 * events, broker answers delivered in any order):
 * - no submission ever reserves more shares than the position at that moment (the broker would refuse it);
 * - once every answer is delivered, the position is covered exactly: one OCO for the whole shares and one DAY
 *   stop for the fraction, nothing else;
 * - a duplicated fill event changes nothing the broker sees.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { DaemonInput, Submit } from '../../../src/domain/holdings/daemon-inputs.ts';
import type { TradeUpdate } from '../../../src/domain/events.ts';
import type { HoldingsState } from '../../../src/domain/holdings/draft.ts';
import { reduceHoldings } from '../../../src/domain/holdings/reducer.ts';
import { floorQty, roundQty, splitWhole } from '../../../src/domain/money.ts';
import type { OrderReport } from '../../../src/domain/orders.ts';
import {
  ack,
  acked,
  canceled,
  env,
  fill,
  OPTIONS,
  syncedState,
  update,
} from '../../support/daemon-stubs.ts';

type Action =
  { kind: 'fill'; qty: number } | { kind: 'deliver'; pick: number } | { kind: 'dup'; pick: number };

const qtyArb = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.double({ min: 0.01, max: 20, noNaN: true }).map((q) => floorQty(q)),
);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('fill' as const), qty: qtyArb }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('dup' as const), pick: fc.nat() }),
);

interface Model {
  state: HoldingsState;
  position: number;
  live: Map<string, { qty: number; report: OrderReport; role: string }>;
  pending: DaemonInput[][];
  fills: TradeUpdate[];
  violations: string[];
  ids: number;
}

function apply(m: Model, input: DaemonInput): void {
  const step = reduceHoldings(m.state, env(input), OPTIONS);
  m.state = step.state;
  for (const c of step.commands) {
    if (c.kind === 'Submit') submit(m, c);
    else if (c.kind === 'Cancel') {
      const o = [...m.live.values()].find((x) => x.report.id === c.orderId);
      if (o !== undefined)
        m.pending.push([
          update('canceled', canceled(o.report)),
          ...o.report.legs.map((l) => update('canceled', canceled(l))),
        ]);
    }
  }
}

function submit(m: Model, c: Submit): void {
  const reserved = [...m.live.values()].reduce((s, o) => s + o.qty, 0);
  const q = c.order.qty ?? 0;
  if (reserved + q > m.position + 1e-9)
    m.violations.push(`${c.role} ${q} with ${reserved} reserved of ${m.position}`);
  m.ids += 1;
  const id = `b-${m.ids}`;
  m.live.set(id, { qty: q, report: acked(c, id), role: c.role });
  m.pending.push([ack(c, id)]);
}

function deliver(m: Model, index: number): void {
  const [batch] = m.pending.splice(index % m.pending.length, 1);
  for (const input of batch ?? []) {
    if (input.kind === 'TradeUpdate' && input.event === 'canceled') m.live.delete(input.order.id);
    apply(m, input);
  }
}

// Found by this property: a 0.01 DAY stop was kept as "the same" as a 0.009999001 remainder (a 1e-6 tolerance on
// 9-decimal quantities), and the 20-share OCO no longer fitted beside it.
const FOUND: Action[] = [
  { kind: 'fill', qty: 0.01 },
  { kind: 'fill', qty: 19.999999001 },
  { kind: 'dup', pick: 0 },
];

test.prop([fc.array(actionArb, { minLength: 1, maxLength: 40 })], { examples: [[FOUND]] })(
  'never over-reserves; ends covered exactly by one OCO and one fractional stop',
  (actions) => {
    const m: Model = {
      state: syncedState(),
      position: 0,
      live: new Map(),
      pending: [],
      fills: [],
      violations: [],
      ids: 0,
    };
    let n = 0;
    for (const a of actions) {
      if (a.kind === 'fill') {
        n += 1;
        // The broker adds decimals exactly; 9 decimals is its precision.
        m.position = roundQty(m.position + a.qty);
        const f = fill({
          orderId: `e-${n}`,
          qty: a.qty,
          price: 100 + n,
          positionQty: m.position,
          executionId: `x-${n}`,
        });
        m.fills.push(f);
        apply(m, f);
      } else if (a.kind === 'dup' && m.fills.length > 0) {
        const f = m.fills[a.pick % m.fills.length] as TradeUpdate;
        // A stale duplicate carries the position of its time; only the latest one is a true replay.
        if (f === m.fills.at(-1)) apply(m, f);
      } else if (a.kind === 'deliver' && m.pending.length > 0) {
        deliver(m, a.pick);
      }
    }
    for (let i = 0; i < 200 && m.pending.length > 0; i += 1) deliver(m, 0);
    expect(m.violations).toEqual([]);
    expect(m.pending).toEqual([]);
    const live = [...m.live.values()];
    const { whole, fraction } = splitWhole(m.position);
    expect(live.filter((o) => o.role === 'oco').map((o) => o.qty)).toEqual(
      whole >= 1 ? [whole] : [],
    );
    const stops = live.filter((o) => o.role === 'stop');
    expect(stops.length).toBe(fraction > 0 ? 1 : 0);
    if (fraction > 0) expect(stops[0]?.qty).toBeCloseTo(fraction, 8);
    expect(live.reduce((s, o) => s + o.qty, 0)).toBeCloseTo(m.position, 8);
  },
);
