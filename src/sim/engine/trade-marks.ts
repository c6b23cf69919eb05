/** @module The marks (canceled, incorrect) that trade cancels and corrections put on prints, overlaid when a print is read. */
import type { SimPrint } from '../contracts.ts';

export interface TradeMarks {
  /** The print with its mark, if it has one. */
  mark(print: SimPrint): SimPrint;
  set(print: SimPrint, update: 'canceled' | 'incorrect'): void;
}

export function createTradeMarks(): TradeMarks {
  const marks = new Map<string, 'canceled' | 'incorrect'>();
  const key = (p: Pick<SimPrint, 'symbol' | 'id'>): string => `${p.symbol}\u0000${p.id}`;
  return {
    mark: (print) => {
      const update = marks.get(key(print));
      return update === undefined ? print : { ...print, update };
    },
    set: (print, update) => {
      marks.set(key(print), update);
    },
  };
}
