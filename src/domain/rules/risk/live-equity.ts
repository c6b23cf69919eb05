/**
 * @module Live equity between two account polls, pure: the poll's equity plus what each position gained or lost since
 * (its shares at their latest market trade, less what they were worth when the poll or a later fill valued them).
 * `at` orders what the daemon learned (the poll, each fill, each trade) by when it learned it, not by the exchange's
 * timestamps: those are the broker's clock, which the daemon's own may lead.
 */

/** One symbol since the poll: its shares and what they were worth at the poll's price or their fills' prices. */
export interface LiveLine {
  readonly qty: number;
  /** Σ shares × the price they were valued at (the poll's price; a later buy adds, a later sale takes away). */
  readonly value: number;
  /** The latest price known at `atRef` (the poll's, or a later fill's): used until a trade learned later. */
  readonly ref: number;
  readonly atRef: number;
}

/** What the last account poll said, moved by the fills since. */
export interface LiveBasis {
  /** The broker's equity at the poll. */
  readonly equity: number;
  /** Equity at the last session's close (Alpaca's last_equity). */
  readonly lastClose: number;
  /** When the poll was asked: fills and trades learned up to then are in its figures. */
  readonly at: number;
  readonly lines: Readonly<Record<string, LiveLine>>;
}

/** A held symbol's latest market trade, and when the daemon learned it. */
export interface PriceMark {
  readonly price: number;
  readonly at: number;
}

export interface PolledPosition {
  readonly symbol: string;
  readonly qty: number;
  /** The price the broker valued the position at (its current_price). */
  readonly price: number;
}

export function basisOfPoll(
  equity: number,
  lastClose: number,
  at: number,
  positions: readonly PolledPosition[],
): LiveBasis {
  const lines = Object.fromEntries(
    positions.map((p) => [
      p.symbol,
      { qty: p.qty, value: p.qty * p.price, ref: p.price, atRef: at },
    ]),
  );
  return { equity, lastClose, at, lines };
}

/**
 * A fill after the poll: its shares join at the fill's price (worth exactly what was paid, until the next trade). One
 * learned while the poll was on its way may be in the poll's figures already: when the shares held are already the
 * position the fill reports, it is.
 */
export function withFill(
  b: LiveBasis,
  f: {
    symbol: string;
    side: 'buy' | 'sell';
    qty: number;
    price: number;
    positionQty: number;
    at: number;
  },
): LiveBasis {
  const line = b.lines[f.symbol] ?? { qty: 0, value: 0, ref: f.price, atRef: f.at };
  if (f.at <= b.at || Math.abs(line.qty - f.positionQty) < 1e-9) return b;
  const signed = f.side === 'buy' ? f.qty : -f.qty;
  const next: LiveLine = {
    qty: line.qty + signed,
    value: line.value + signed * f.price,
    ref: f.price,
    atRef: Math.max(line.atRef, f.at),
  };
  return { ...b, lines: { ...b.lines, [f.symbol]: next } };
}

/**
 * The estimate: the poll's equity plus, per symbol, its shares at the latest price less what they were valued at.
 * A trade learned before the poll (or before a later fill) is already in the basis and is ignored, so a wrong print
 * the broker does not value the account at stops counting once a poll has come after it.
 */
export function liveEquity(b: LiveBasis, marks: Readonly<Record<string, PriceMark>>): number {
  let equity = b.equity;
  for (const [symbol, line] of Object.entries(b.lines)) {
    const mark = marks[symbol];
    const price = mark !== undefined && mark.at > line.atRef ? mark.price : line.ref;
    equity += line.qty * price - line.value;
  }
  return equity;
}
