/**
 * The soft-exit evaluator (operators/evaluate-exits.ts) updates its records in place for speed (issue 19). These
 * properties hold it to a plain model, the straightforward fold over the exit rules written without any mutation:
 * - for any sequence of tracks, untracks, rescales, trades and ticks over a few symbols, the operator emits exactly
 *   the model's signals, in the model's order;
 * - two subscriptions to the same pipeline never share state (each sees only its own inputs).
 */
import { fc, test } from '@fast-check/vitest';
import { Subject } from 'rxjs';
import { expect } from 'vitest';
import type { ExitTrack } from '../../../src/domain/holdings/daemon-events.ts';
import type { MarketTrade } from '../../../src/domain/events.ts';
import { price } from '../../../src/domain/money.ts';
import {
  applyTradePrice,
  evaluateSoftExit,
  isTimeStopDue,
  softExitFloor,
  takeProfitPrice,
  type ExitState,
} from '../../../src/domain/rules/exit-rules.ts';
import { DEFAULT_EXIT_RULES } from '../../../src/config/exit-rules-config.ts';
import {
  evaluateExits,
  type ExitInput,
  type ExitSignal,
} from '../../../src/operators/evaluate-exits.ts';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
const options = { rules: DEFAULT_EXIT_RULES, staleMs: 60_000 };
const SYMBOLS = ['AAA', 'BBB', 'CCC'] as const;

interface Model {
  readonly exit: ExitState;
  readonly fraction: number;
  readonly lastPrice: number | null;
  readonly tsLastPrice: number;
}

/** The model: an immutable fold, one new map per input, as plain as the rules read. */
function model(inputs: readonly ExitInput[]): ExitSignal[] {
  let held: ReadonlyMap<string, Model> = new Map();
  const out: ExitSignal[] = [];
  for (const input of inputs) {
    const next = new Map(held);
    if (input.kind === 'ExitTrack') {
      const prev = held.get(input.symbol);
      if (input.state === null) next.delete(input.symbol);
      else {
        const same =
          prev !== undefined && prev.exit.tsEntry === input.state.tsEntry && !input.rescaled;
        const highWater = same
          ? Math.max(prev.exit.highWater, input.state.highWater)
          : input.state.highWater;
        next.set(input.symbol, {
          exit: { ...input.state, highWater },
          fraction: input.fraction,
          lastPrice: prev?.lastPrice ?? null,
          tsLastPrice: prev?.tsLastPrice ?? -Infinity,
        });
      }
    } else if (input.kind === 'MarketTrade') {
      const w = held.get(input.symbol);
      if (w === undefined) continue;
      const exit = applyTradePrice(w.exit, input.price);
      if (exit.highWater > w.exit.highWater)
        out.push({ kind: 'HighWaterRaised', symbol: input.symbol, highWater: exit.highWater });
      const decision = evaluateSoftExit(w.exit, input.price, input.tsEvent, options.rules);
      if (decision !== null) out.push({ kind: 'SoftExitDue', symbol: input.symbol, decision });
      const target = takeProfitPrice(w.exit.entryPrice, options.rules);
      if (decision === null && w.fraction > 0 && input.price >= target)
        out.push({ kind: 'FractionTargetDue', symbol: input.symbol, price: input.price, target });
      next.set(input.symbol, {
        ...w,
        exit,
        lastPrice: input.price,
        tsLastPrice: Math.max(w.tsLastPrice, input.tsEvent),
      });
    } else if (input.kind === 'ExitTick') {
      const stale: string[] = [];
      for (const [symbol, w] of held) {
        if (isTimeStopDue(w.exit, input.now, options.rules)) {
          out.push({
            kind: 'SoftExitDue',
            symbol,
            decision: {
              rule: 'time_stop',
              price: w.lastPrice ?? w.exit.entryPrice,
              floor: softExitFloor(w.exit, options.rules),
            },
          });
        }
        if (input.sessionOpen && input.now - w.tsLastPrice > options.staleMs) stale.push(symbol);
      }
      if (stale.length > 0) out.push({ kind: 'PricesStale', symbols: stale });
    }
    held = next;
  }
  return out;
}

const symbolArb = fc.constantFrom(...SYMBOLS);
const offsetArb = fc.integer({ min: 0, max: 9 * DAY });
const trackArb: fc.Arbitrary<ExitTrack> = fc
  .record({
    symbol: symbolArb,
    entry: fc.integer({ min: 50, max: 150 }),
    tsEntry: fc.constantFrom(T0, T0 + DAY),
    highWaterPct: fc.integer({ min: 0, max: 5 }),
    fraction: fc.constantFrom(0, 0, 0.5),
    rescaled: fc.boolean(),
    untrack: fc.boolean(),
  })
  .map((r) => ({
    kind: 'ExitTrack',
    symbol: r.symbol,
    state: r.untrack
      ? null
      : {
          entryPrice: r.entry,
          tsEntry: r.tsEntry,
          highWater: r.entry * (1 + r.highWaterPct / 100),
        },
    fraction: r.fraction,
    rescaled: r.rescaled,
  }));
const tradeArb: fc.Arbitrary<MarketTrade> = fc
  .record({ symbol: symbolArb, p: fc.double({ min: 40, max: 200, noNaN: true }), at: offsetArb })
  .map((r) => ({
    kind: 'MarketTrade',
    symbol: r.symbol,
    price: price(Math.round(r.p * 100) / 100),
    size: 100,
    tsEvent: T0 + r.at,
  }));
const tickArb: fc.Arbitrary<ExitInput> = fc
  .record({ at: offsetArb, sessionOpen: fc.boolean() })
  .map((r) => ({ kind: 'ExitTick', now: T0 + r.at, sessionOpen: r.sessionOpen }));
const inputsArb = fc.array(
  fc.oneof(
    { arbitrary: trackArb, weight: 2 },
    { arbitrary: tradeArb, weight: 6 },
    { arbitrary: tickArb, weight: 1 },
  ),
  { maxLength: 80 },
);

function run(inputs: readonly ExitInput[]): ExitSignal[] {
  const in$ = new Subject<ExitInput>();
  const out: ExitSignal[] = [];
  const sub = in$.pipe(evaluateExits(options)).subscribe((s) => out.push(s));
  for (const input of inputs) in$.next(input);
  sub.unsubscribe();
  return out;
}

test.prop([inputsArb])(
  'emits exactly the signals of the immutable model, in its order',
  (inputs) => {
    expect(run(inputs)).toEqual(model(inputs));
  },
);

test.prop([inputsArb, inputsArb])(
  'two subscriptions to one pipeline keep separate state',
  (a, b) => {
    const a$ = new Subject<ExitInput>();
    const b$ = new Subject<ExitInput>();
    const pipeline = evaluateExits(options);
    const outA: ExitSignal[] = [];
    const outB: ExitSignal[] = [];
    const subA = pipeline(a$).subscribe((s) => outA.push(s));
    const subB = pipeline(b$).subscribe((s) => outB.push(s));
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      const x = a[i];
      const y = b[i];
      if (x !== undefined) a$.next(x);
      if (y !== undefined) b$.next(y);
    }
    subA.unsubscribe();
    subB.unsubscribe();
    expect(outA).toEqual(model(a));
    expect(outB).toEqual(model(b));
  },
);
