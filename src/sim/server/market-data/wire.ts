/** @module Market-data JSON shapes (Alpaca's): bars, trades and quotes with numbers as numbers and RFC-3339 times. */
import type { SimBar, SimPrint, SimQuote, SimSymbolInfo } from '../../contracts.ts';

/** RFC-3339 UTC, without a fraction when the milliseconds are zero (as Alpaca stamps bars). */
export function rfc3339(ts: number): string {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Consolidated tape of a listing: A = NYSE, B = ARCA and other regionals, C = NASDAQ. */
export function tapeOf(info: SimSymbolInfo | undefined): 'A' | 'B' | 'C' {
  if (info?.exchange === 'NYSE') return 'A';
  if (info?.exchange === 'NASDAQ') return 'C';
  return 'B';
}

/** The listing exchange's code in market data: N = NYSE, P = NYSE Arca, Q = NASDAQ. */
export function listingExchangeCode(info: SimSymbolInfo | undefined): 'N' | 'P' | 'Q' {
  if (info?.exchange === 'NYSE') return 'N';
  if (info?.exchange === 'ARCA') return 'P';
  return 'Q';
}

/** Sale conditions: `@` regular sale; a late report adds `Z` (sold out of sequence). */
export const tradeConditions = (print: SimPrint): string[] =>
  print.late === true ? ['@', 'Z'] : ['@'];

/** A bar on the wire: the simulator's bar with its start time as RFC-3339. */
export type BarJson = Omit<SimBar, 't'> & { readonly t: string };

export const barJson = (b: SimBar): BarJson => ({
  t: rfc3339(b.t),
  o: b.o,
  h: b.h,
  l: b.l,
  c: b.c,
  v: b.v,
  n: b.n,
  vw: b.vw,
});

export const tradeJson = (p: SimPrint, tape: string) => ({
  t: rfc3339(p.ts),
  x: 'V',
  p: p.price,
  s: p.size,
  c: tradeConditions(p),
  i: p.id,
  z: tape,
  ...(p.update === undefined ? {} : { u: p.update }),
});

export const quoteJson = (q: SimQuote, tape: string) => ({
  t: rfc3339(q.ts),
  ax: 'V',
  ap: q.ask,
  as: q.ask_size,
  bx: 'V',
  bp: q.bid,
  bs: q.bid_size,
  c: ['R'],
  z: tape,
});
