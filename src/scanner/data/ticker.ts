/**
 * @module Tickers as data: a strict pattern (A-Z first, then A-Z, 0-9 or '.', at most 10 characters, e.g. BRK.B)
 * checked before a ticker is used in any file name, and the cache's file name for a ticker: the hex of its
 * UTF-8 bytes (AAPL -> 4141504c.json), so no ticker text ever reaches the file system as a path.
 */

export const TICKER_PATTERN = /^[A-Z][A-Z0-9.]{0,9}$/;

export const isTicker = (s: string): boolean => TICKER_PATTERN.test(s);

/** Hex of the ticker's bytes; throws for a string outside the pattern (a bug upstream, never user input here). */
export function tickerFileStem(ticker: string): string {
  if (!isTicker(ticker)) throw new Error(`not a ticker: ${JSON.stringify(ticker)}`);
  return Buffer.from(ticker, 'utf8').toString('hex');
}
