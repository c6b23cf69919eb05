/** @module Builds streamed minute bars from prints: a symbol's bar is emitted once its minute has ended. */
import type { SimBar, SimPrint } from '../../contracts.ts';

const MINUTE_MS = 60_000;

/** A streamed minute bar: the contract's bar (t = minute start) with its symbol. */
export interface BuiltBar extends SimBar {
  readonly symbol: string;
}

interface Open {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
  n: number;
  pv: number;
}

export class MinuteBarBuilder {
  private readonly open = new Map<string, Open>();
  private oldest = Infinity;

  constructor(private readonly emit: (bar: BuiltBar) => void) {}

  /** Adds a print (closing any minute that ended before it). */
  add(print: SimPrint): void {
    this.closeUpTo(print.ts);
    const t = Math.floor(print.ts / MINUTE_MS) * MINUTE_MS;
    const bar = this.open.get(print.symbol);
    if (!bar) {
      this.open.set(print.symbol, { t, o: print.price, h: print.price, l: print.price, c: print.price, v: print.size, n: 1, pv: print.price * print.size });
      this.oldest = Math.min(this.oldest, t);
      return;
    }
    bar.h = Math.max(bar.h, print.price);
    bar.l = Math.min(bar.l, print.price);
    bar.c = print.price;
    bar.v += print.size;
    bar.n += 1;
    bar.pv += print.price * print.size;
  }

  /** Forgets the bars in progress (their prints were not all seen, e.g. while nobody was connected). */
  reset(): void {
    this.open.clear();
    this.oldest = Infinity;
  }

  /** Emits every bar whose minute ended at or before ts. */
  closeUpTo(ts: number): void {
    if (ts < this.oldest + MINUTE_MS) return;
    const due = [...this.open].filter(([, bar]) => bar.t + MINUTE_MS <= ts).sort((a, b) => a[1].t - b[1].t || (a[0] < b[0] ? -1 : 1));
    for (const [symbol, bar] of due) {
      this.open.delete(symbol);
      const vw = bar.v > 0 ? Math.round((bar.pv / bar.v) * 10_000) / 10_000 : bar.c;
      this.emit({ symbol, t: bar.t, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, n: bar.n, vw });
    }
    this.oldest = Math.min(Infinity, ...[...this.open.values()].map((b) => b.t));
  }
}
