/**
 * @module Builds streamed minute bars from prints: a symbol's bar is emitted (`bar`) once its minute has ended. The
 * session's closed bars are kept, so that a late print (reported after later ones) that falls in one of them
 * corrects it and emits it again (`updated`), as Alpaca's updatedBars do; so does a canceled or corrected print.
 */
import type { SimBar, SimPrint } from '../../contracts.ts';

const MINUTE_MS = 60_000;

/** A streamed minute bar: the contract's bar (t = minute start) with its symbol. */
export interface BuiltBar extends SimBar {
  readonly symbol: string;
}

interface Building {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  pv: number;
  /** Times of the prints that set o and c (a late print may come before the first or after the last). */
  first: number;
  last: number;
}

const startOf = (p: SimPrint): Building => ({
  t: Math.floor(p.ts / MINUTE_MS) * MINUTE_MS,
  o: p.price,
  h: p.price,
  l: p.price,
  c: p.price,
  v: p.size,
  n: 1,
  pv: p.price * p.size,
  first: p.ts,
  last: p.ts,
});

function fold(bar: Building, p: SimPrint): void {
  bar.h = Math.max(bar.h, p.price);
  bar.l = Math.min(bar.l, p.price);
  if (p.ts < bar.first) [bar.o, bar.first] = [p.price, p.ts];
  if (p.ts >= bar.last) [bar.c, bar.last] = [p.price, p.ts];
  bar.v += p.size;
  bar.n += 1;
  bar.pv += p.price * p.size;
}

function built(symbol: string, bar: Building): BuiltBar {
  const vw = bar.v > 0 ? Math.round((bar.pv / bar.v) * 10_000) / 10_000 : bar.c;
  return { symbol, t: bar.t, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, n: bar.n, vw };
}

export class MinuteBarBuilder {
  private readonly open = new Map<string, Building>();
  private readonly closed = new Map<string, Map<number, Building>>();
  private oldest = Infinity;

  constructor(private readonly emit: (bar: BuiltBar, kind: 'bar' | 'updated') => void) {}

  /** Adds a print: a late one corrects the bar it falls in; any other closes the minutes that ended before it. */
  add(print: SimPrint): void {
    const t = Math.floor(print.ts / MINUTE_MS) * MINUTE_MS;
    const current = this.open.get(print.symbol);
    if (print.late === true && current?.t !== t) {
      const bar = this.closed.get(print.symbol)?.get(t);
      // A late print of a minute this stream never built (nobody was connected) changes no bar it sent.
      if (!bar) return;
      fold(bar, print);
      this.emit(built(print.symbol, bar), 'updated');
      return;
    }
    if (print.late !== true) this.closeUpTo(print.ts);
    const bar = this.open.get(print.symbol);
    if (!bar) {
      this.open.set(print.symbol, startOf(print));
      this.oldest = Math.min(this.oldest, t);
      return;
    }
    fold(bar, print);
  }

  /**
   * Restates a minute already sent from the prints that stand for it now (after a cancel or a correction) and
   * emits it as updated; a minute this stream never sent is left alone.
   */
  restate(symbol: string, prints: readonly SimPrint[]): void {
    const first = prints[0];
    if (!first) return;
    const kept = this.closed.get(symbol);
    if (!kept?.has(startOf(first).t)) return;
    const bar = startOf(first);
    for (const p of prints.slice(1)) fold(bar, p);
    kept.set(bar.t, bar);
    this.emit(built(symbol, bar), 'updated');
  }

  /** The bars of a symbol emitted so far since the last reset, in time order. */
  closedBars(symbol: string): BuiltBar[] {
    return [...(this.closed.get(symbol)?.values() ?? [])]
      .sort((a, b) => a.t - b.t)
      .map((b) => built(symbol, b));
  }

  /** Forgets everything built (the prints were not all seen, e.g. while nobody was connected, or a new session began). */
  reset(): void {
    this.open.clear();
    this.closed.clear();
    this.oldest = Infinity;
  }

  /** Emits every bar whose minute ended at or before ts. */
  closeUpTo(ts: number): void {
    if (ts < this.oldest + MINUTE_MS) return;
    const due = [...this.open]
      .filter(([, bar]) => bar.t + MINUTE_MS <= ts)
      .sort((a, b) => a[1].t - b[1].t || (a[0] < b[0] ? -1 : 1));
    for (const [symbol, bar] of due) {
      this.open.delete(symbol);
      const kept = this.closed.get(symbol) ?? new Map<number, Building>();
      kept.set(bar.t, bar);
      this.closed.set(symbol, kept);
      this.emit(built(symbol, bar), 'bar');
    }
    this.oldest = Math.min(Infinity, ...[...this.open.values()].map((b) => b.t));
  }
}
