/**
 * @module Prints injected through the control API (`POST /sim/trade`), kept so that REST history lists them next
 * to the market's own, each with its own trade id: the print's ms time x 1000 plus a per-(symbol, ms) sequence
 * from 1 (the market's own print at that ms, if any, has sequence 0).
 */
import type { SimPrint } from '../contracts.ts';
import { printId, PRINT_ID_SLOTS } from '../market/prints.ts';

export interface InjectedPrints {
  /** Records one print and gives it its id. */
  record(print: Omit<SimPrint, 'id'>): SimPrint;
  /** The injected prints of a symbol in (tsFrom, tsTo], by time then id. */
  between(symbol: string, tsFrom: number, tsTo: number): SimPrint[];
  /** The last injected print of a symbol at or before ts that set the price then (late reports never did). */
  lastAt(symbol: string, ts: number): SimPrint | undefined;
}

export function createInjectedPrints(): InjectedPrints {
  const bySymbol = new Map<string, SimPrint[]>();
  const sequences = new Map<string, number>();
  return {
    record(p) {
      const key = `${p.symbol}\u0000${Math.floor(p.ts)}`;
      const sequence = (sequences.get(key) ?? 0) + 1;
      if (sequence >= PRINT_ID_SLOTS)
        throw new RangeError(
          `more than ${PRINT_ID_SLOTS - 1} injected prints of ${p.symbol} in one millisecond`,
        );
      sequences.set(key, sequence);
      const print: SimPrint = Object.freeze({ ...p, id: printId(p.ts, sequence) });
      const list = bySymbol.get(p.symbol) ?? [];
      // Late prints land among earlier ones: keep the list in (ts, id) order.
      let i = list.length;
      while (
        i > 0 &&
        ((list[i - 1]?.ts ?? 0) > print.ts ||
          ((list[i - 1]?.ts ?? 0) === print.ts && (list[i - 1]?.id ?? 0) > print.id))
      )
        i -= 1;
      list.splice(i, 0, print);
      bySymbol.set(p.symbol, list);
      return print;
    },
    lastAt(symbol, ts) {
      const list = bySymbol.get(symbol) ?? [];
      for (let i = list.length - 1; i >= 0; i -= 1) {
        const p = list[i];
        if (p && p.ts <= ts && p.late !== true) return p;
      }
      return undefined;
    },
    between(symbol, tsFrom, tsTo) {
      return (bySymbol.get(symbol) ?? []).filter((p) => p.ts > tsFrom && p.ts <= tsTo);
    },
  };
}
