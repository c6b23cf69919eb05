/**
 * @module The synthetic market's corporate actions, seeded per (seed, symbol) and placed by session index (so any
 * range of history agrees): forward splits, rare (2 % a year per stock; 2, 3 or 4 for 1), and quarterly cash
 * dividends for the payers (6 stocks in 10, and the index ETFs), each a fixed share of the previous close (a
 * yield of 0.5 % to 3.5 % a year). VIXY has none. The market applies them to its raw prices: a split divides the
 * price from its ex-date on (and multiplies volume), a dividend takes its share off the price from its ex-date.
 * Both are counted from the reference session (the first of 2025), whose prices stay the anchors.
 */
import { RandomStream, hashInts, hashString } from './random.ts';
import { symbolInfo } from './universe.ts';

export const SESSIONS_PER_YEAR = 252;
const QUARTER = 63;
const SPLIT_RATE = 0.02;
const DIVIDEND_PAYERS = 0.6;
const MIN_YIELD = 0.005;
const MAX_YIELD = 0.035;

export interface ScheduledAction {
  readonly kind: 'split' | 'dividend';
  /** Timeline index of the ex-date session. */
  readonly exIndex: number;
  /** Split: new shares per old share (2 = 2-for-1); 1 for a dividend. */
  readonly ratio: number;
  /** Dividend: share of the previous close paid in cash; 0 for a split. */
  readonly fraction: number;
}

export interface ActionSchedule {
  /** Actions whose ex-date index is in [from, to), in index order. */
  between(from: number, to: number): ScheduledAction[];
  /** Price and volume multipliers of the raw series for sessions [from, to), normalised to 1 at `reference`. */
  factors(
    from: number,
    to: number,
    reference: number,
  ): { readonly price: Float64Array; readonly volume: Float64Array };
}

function yearOf(seed: number, symbol: string, year: number): ScheduledAction[] {
  const info = symbolInfo(symbol);
  if (symbol === 'VIXY') return [];
  const key = hashInts(seed, hashString(symbol), 0x434f5250);
  const perSymbol = new RandomStream(key);
  const payer = info.sector === 'ETF' || perSymbol.next() < DIVIDEND_PAYERS;
  const fraction = (MIN_YIELD + (MAX_YIELD - MIN_YIELD) * perSymbol.next()) / 4;
  const phase = Math.floor(perSymbol.next() * QUARTER);
  const out: ScheduledAction[] = [];
  const base = year * SESSIONS_PER_YEAR;
  if (payer)
    for (let q = 0; q < 4; q += 1)
      out.push({ kind: 'dividend', exIndex: base + phase + q * QUARTER, ratio: 1, fraction });
  const draws = new RandomStream(hashInts(key, year));
  if (info.sector !== 'ETF' && draws.next() < SPLIT_RATE) {
    let exIndex = base + Math.floor(draws.next() * SESSIONS_PER_YEAR);
    // One action a day: a split never shares its ex-date with a dividend.
    if (out.some((a) => a.exIndex === exIndex)) exIndex += 1;
    const u = draws.next();
    out.push({ kind: 'split', exIndex, ratio: u < 0.6 ? 2 : u < 0.85 ? 3 : 4, fraction: 0 });
  }
  return out.sort((a, b) => a.exIndex - b.exIndex);
}

export function createActionSchedule(seed: number, symbol: string): ActionSchedule {
  const years = new Map<number, ScheduledAction[]>();
  const year = (y: number): ScheduledAction[] => {
    let list = years.get(y);
    if (!list) {
      list = yearOf(seed, symbol, y);
      years.set(y, list);
    }
    return list;
  };
  const between = (from: number, to: number): ScheduledAction[] => {
    const out: ScheduledAction[] = [];
    for (
      let y = Math.floor(Math.max(0, from) / SESSIONS_PER_YEAR);
      y * SESSIONS_PER_YEAR < to;
      y += 1
    ) {
      for (const a of year(y)) if (a.exIndex >= from && a.exIndex < to) out.push(a);
    }
    return out;
  };
  /** Log multipliers of everything with an ex-date in [0, k]. */
  const cumulative = (k: number): { price: number; volume: number } => {
    let price = 0;
    let volume = 0;
    for (const a of between(0, k + 1)) {
      if (a.kind === 'split') {
        price -= Math.log(a.ratio);
        volume += Math.log(a.ratio);
      } else {
        price += Math.log(1 - a.fraction);
      }
    }
    return { price, volume };
  };
  return {
    between,
    factors(from, to, reference) {
      const n = Math.max(0, to - from);
      const price = new Float64Array(n);
      const volume = new Float64Array(n);
      const ref = cumulative(reference);
      const start = cumulative(from - 1);
      let p = start.price - ref.price;
      let v = start.volume - ref.volume;
      const actions = between(from, to);
      let next = 0;
      for (let k = from; k < to; k += 1) {
        for (let a = actions[next]; a !== undefined && a.exIndex === k; a = actions[++next]) {
          if (a.kind === 'split') {
            p -= Math.log(a.ratio);
            v += Math.log(a.ratio);
          } else {
            p += Math.log(1 - a.fraction);
          }
        }
        price[k - from] = Math.exp(p);
        volume[k - from] = Math.exp(v);
      }
      return { price, volume };
    },
  };
}
