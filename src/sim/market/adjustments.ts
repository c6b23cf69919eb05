/**
 * @module Adjusted bars (Alpaca's `adjustment`): history before each corporate action known as of a session is
 * scaled so that it continues the prices after it. Splits divide prices and multiply volumes by the ratio; a
 * dividend multiplies prices by (1 - cash / previous close). Adjusted prices keep 4 decimals, volumes whole shares.
 */
import type { SimAdjustment, SimBar, SimCorporateAction } from '../contracts.ts';
import type { BarSource } from './timeframe-bars.ts';

export interface IndexedAction {
  readonly exIndex: number;
  readonly action: SimCorporateAction;
}

interface Multipliers {
  readonly price: number;
  readonly volume: number;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function scale(bar: SimBar, m: Multipliers): SimBar {
  if (m.price === 1 && m.volume === 1) return bar;
  const p = (x: number): number => round4(x * m.price);
  return {
    t: bar.t,
    o: p(bar.o),
    h: p(bar.h),
    l: p(bar.l),
    c: p(bar.c),
    v: Math.round(bar.v * m.volume),
    n: bar.n,
    vw: p(bar.vw),
  };
}

/**
 * The multipliers for a session index: the product over the actions with an ex-date after it (the list holds the
 * actions known as of the query, in ex-date order), restricted to the kinds the adjustment names.
 */
export function multipliersFor(
  actions: readonly IndexedAction[],
  mode: SimAdjustment,
): (index: number) => Multipliers {
  const used = actions.filter(
    ({ action }) =>
      mode === 'all' || (mode === 'split' ? action.kind === 'split' : action.kind === 'dividend'),
  );
  // Suffix products: after[j] = product of the actions j.. (those with the later ex-dates).
  const after: Multipliers[] = new Array<Multipliers>(used.length + 1);
  after[used.length] = { price: 1, volume: 1 };
  for (let j = used.length - 1; j >= 0; j -= 1) {
    const { action } = used[j] ?? { action: undefined };
    const next = after[j + 1] ?? { price: 1, volume: 1 };
    if (action?.kind === 'split')
      after[j] = { price: next.price / action.ratio, volume: next.volume * action.ratio };
    else if (action)
      after[j] = {
        price: next.price * (1 - action.cash / action.previousClose),
        volume: next.volume,
      };
    else after[j] = next;
  }
  return (index) => {
    let lo = 0;
    let hi = used.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((used[mid]?.exIndex ?? Infinity) > index) hi = mid;
      else lo = mid + 1;
    }
    return after[lo] ?? { price: 1, volume: 1 };
  };
}

/** The source's bars scaled by the multipliers of their session. */
export function adjustedSource(
  base: BarSource,
  multipliers: (index: number) => Multipliers,
): BarSource {
  return {
    timeline: base.timeline,
    minuteBars: (symbol, index) => {
      const m = multipliers(index);
      return base.minuteBars(symbol, index).map((b) => scale(b, m));
    },
    dailyBar: (symbol, index) => scale(base.dailyBar(symbol, index), multipliers(index)),
  };
}
