/**
 * @module Live equity between two account polls, pure: the poll's equity plus what each position gained or lost since
 * (its shares at their latest market trade, less what they were worth when the poll or a later fill valued them).
 */

/** One symbol since the poll: its shares and what they were worth at the poll's price or their fills' prices. */
export interface LiveLine {
  readonly qty: number;
  /** Σ shares × the price they were valued at (the poll's price; a later buy adds, a later sale takes away). */
  readonly value: number;
  /** The latest price known at `tsRef` (the poll's, or a later fill's): used until a newer trade prints. */
  readonly ref: number;
  readonly tsRef: number;
}

/** What the last account poll said, moved by the fills since. */
export interface LiveBasis {
  /** The broker's equity at the poll. */
  readonly equity: number;
  /** Equity at the last session's close (Alpaca's last_equity). */
  readonly lastClose: number;
  /** When the poll was asked (daemon clock, synced to the broker's): fills and trades up to it are in its figures. */
  readonly ts: number;
  readonly lines: Readonly<Record<string, LiveLine>>;
}

/** A held symbol's latest market trade. */
export interface PriceMark {
  readonly price: number;
  readonly ts: number;
}

export interface PolledPosition {
  readonly symbol: string;
  readonly qty: number;
  /** The price the broker valued the position at (its current_price). */
  readonly price: number;
}

export function basisOfPoll(equity: number, lastClose: number, ts: number, positions: readonly PolledPosition[]): LiveBasis {
  const lines = Object.fromEntries(positions.map((p) => [p.symbol, { qty: p.qty, value: p.qty * p.price, ref: p.price, tsRef: ts }]));
  return { equity, lastClose, ts, lines };
}

/** A fill after the poll: its shares join at the fill's price (worth exactly what was paid, until the next trade). */
export function withFill(b: LiveBasis, f: { symbol: string; side: 'buy' | 'sell'; qty: number; price: number; ts: number }): LiveBasis {
  if (f.ts <= b.ts) return b;
  const signed = f.side === 'buy' ? f.qty : -f.qty;
  const line = b.lines[f.symbol] ?? { qty: 0, value: 0, ref: f.price, tsRef: f.ts };
  const next: LiveLine = { qty: line.qty + signed, value: line.value + signed * f.price, ref: f.price, tsRef: Math.max(line.tsRef, f.ts) };
  return { ...b, lines: { ...b.lines, [f.symbol]: next } };
}

/**
 * The estimate: the poll's equity plus, per symbol, its shares at the latest price less what they were valued at.
 * A trade printed before the poll (or before a later fill) is already in the basis and is ignored, so a wrong print
 * the broker no longer values the account at stops counting once a poll has come after it.
 */
export function liveEquity(b: LiveBasis, marks: Readonly<Record<string, PriceMark>>): number {
  let equity = b.equity;
  for (const [symbol, line] of Object.entries(b.lines)) {
    const mark = marks[symbol];
    const price = mark !== undefined && mark.ts > line.tsRef ? mark.price : line.ref;
    equity += line.qty * price - line.value;
  }
  return equity;
}
