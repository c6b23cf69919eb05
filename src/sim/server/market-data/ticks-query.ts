/**
 * @module Pages of ticks (trades or quotes) over several symbols: symbols in alphabetical order, ticks by (time,
 * id) ascending or descending, `limit` counted across symbols, and a cursor (symbol, time, id) that continues
 * exactly where a page ended. The range is walked a day at a time so a small page stays cheap.
 */
import type { PageCursor } from './params.ts';

const DAY_MS = 86_400_000;

export interface Tick {
  readonly ts: number;
  readonly id: number;
}

export interface TicksQuery {
  readonly symbols: readonly string[];
  /** Inclusive bounds, epoch ms. */
  readonly tsStart: number;
  readonly tsEnd: number;
  readonly limit: number;
  readonly sort: 'asc' | 'desc';
  readonly cursor: PageCursor | undefined;
}

export interface TicksPage<T> {
  readonly ticks: ReadonlyMap<string, T[]>;
  readonly next: PageCursor | null;
}

/** Whether a tick is at or past the cursor in the walking order. */
function atOrAfter(tick: Tick, cursor: PageCursor, sort: 'asc' | 'desc'): boolean {
  const i = cursor.i ?? (sort === 'asc' ? -Infinity : Infinity);
  if (sort === 'asc') return tick.ts > cursor.t || (tick.ts === cursor.t && tick.id >= i);
  return tick.ts < cursor.t || (tick.ts === cursor.t && tick.id <= i);
}

/** `ticksOf(symbol, from, to)` lists a symbol's ticks in (from, to], in ascending (time, id) order. */
function* walk<T extends Tick>(
  ticksOf: (symbol: string, from: number, to: number) => T[],
  symbol: string,
  q: TicksQuery,
): Generator<T> {
  if (q.sort === 'asc') {
    for (let lo = q.tsStart - 1; lo < q.tsEnd; lo += DAY_MS)
      yield* ticksOf(symbol, lo, Math.min(q.tsEnd, lo + DAY_MS));
    return;
  }
  for (let hi = q.tsEnd; hi >= q.tsStart; hi -= DAY_MS)
    yield* ticksOf(symbol, Math.max(q.tsStart - 1, hi - DAY_MS), hi).reverse();
}

export function queryTicks<T extends Tick>(
  ticksOf: (symbol: string, from: number, to: number) => T[],
  q: TicksQuery,
): TicksPage<T> {
  const symbols = [...q.symbols].sort();
  const first = q.cursor ? Math.max(0, symbols.indexOf(q.cursor.symbol)) : 0;
  const out = new Map<string, T[]>();
  let count = 0;
  for (let s = first; s < symbols.length; s += 1) {
    const symbol = symbols[s] ?? '';
    const cursor = q.cursor?.symbol === symbol ? q.cursor : undefined;
    const from = cursor && q.sort === 'asc' ? { ...q, tsStart: Math.max(q.tsStart, cursor.t) } : q;
    const range =
      cursor && q.sort === 'desc' ? { ...from, tsEnd: Math.min(q.tsEnd, cursor.t) } : from;
    for (const tick of walk(ticksOf, symbol, range)) {
      if (cursor && !atOrAfter(tick, cursor, q.sort)) continue;
      if (count === q.limit) return { ticks: out, next: { symbol, t: tick.ts, i: tick.id } };
      const list = out.get(symbol) ?? [];
      if (list.length === 0) out.set(symbol, list);
      list.push(tick);
      count += 1;
    }
  }
  return { ticks: out, next: null };
}
