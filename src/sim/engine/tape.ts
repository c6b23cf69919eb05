/** @module The exchange's view of prices: last trade per symbol, the NBBO quoted around it, and the previous session's closes. */
import type { SimPrint, SimQuote, SyntheticMarket } from '../contracts.ts';
import { roundToTick, tickSize } from '../../domain/money.ts';

export interface Tape {
  /** The last print, or the market's own last print at `now` before any print of the symbol reached the exchange. */
  last(symbol: string, now: number): SimPrint;
  set(print: SimPrint): void;
  /** Forgets the last prints: prices fall back to the market's price at the time asked. */
  clear(): void;
  quote(symbol: string, now: number): SimQuote;
  /** The close of the previous session (lastday_price). */
  lastdayPrice(symbol: string): number;
  /** At a session close: the last prices are kept as the next reference closes. */
  rollClose(tsClose: number): void;
  /** At a session open: the kept closes become lastday_price (Alpaca keeps yesterday's until the next session). */
  rollOpen(): void;
  /** A split's ex-date: the last print and the previous close are restated per new share. */
  split(symbol: string, ratio: number): void;
}

/** Bid/ask: last trade -/+ half the spread, rounded outwards to the tick ($0.01 from $1, else $0.0001). */
export function quoteAround(print: SimPrint, spreadBps: number): SimQuote {
  const half = (print.price * spreadBps) / 2 / 10_000;
  const bid = Math.max(tickSize(print.price), roundToTick(print.price - half, 'down'));
  const ask = Math.max(bid, roundToTick(print.price + half, 'up'));
  return { symbol: print.symbol, bid, ask, bid_size: 100, ask_size: 100, ts: print.ts };
}

export function createTape(market: SyntheticMarket, spreadBps: number, startTs: number): Tape {
  const lasts = new Map<string, SimPrint>();
  let closes = new Map<string, number>();
  let lastCloseTs = previousCloseTs(market, startTs);
  let pending: { ts: number; closes: Map<string, number> } | undefined;
  const divisors = new Map<string, number>();

  const last = (symbol: string, now: number): SimPrint =>
    lasts.get(symbol) ?? market.lastPrintAt(symbol, now);

  return {
    last,
    set: (print) => {
      lasts.set(print.symbol, print);
    },
    clear: () => {
      lasts.clear();
    },
    quote: (symbol, now) => quoteAround(last(symbol, now), spreadBps),
    lastdayPrice: (symbol) =>
      closes.get(symbol) ?? market.priceAt(symbol, lastCloseTs) / (divisors.get(symbol) ?? 1),
    rollClose(tsClose) {
      pending = {
        ts: tsClose,
        closes: new Map([...lasts].map(([symbol, print]) => [symbol, print.price])),
      };
    },
    rollOpen() {
      if (pending === undefined) return;
      lastCloseTs = pending.ts;
      closes = pending.closes;
      pending = undefined;
      divisors.clear();
    },
    split(symbol, ratio) {
      const print = lasts.get(symbol);
      if (print)
        lasts.set(symbol, { ...print, price: roundToTick(print.price / ratio, 'nearest') });
      const close = closes.get(symbol);
      if (close !== undefined) closes.set(symbol, roundToTick(close / ratio, 'nearest'));
      // Without a kept close, the market's raw close before the ex-date is restated until the next roll.
      else divisors.set(symbol, (divisors.get(symbol) ?? 1) * ratio);
    },
  };
}

function previousCloseTs(market: SyntheticMarket, ts: number): number {
  try {
    return market.calendar.previousSessionBefore(ts).tsClose;
  } catch {
    // A calendar that starts at ts has no previous session: the price at the start stands in for the close.
    return ts;
  }
}
