/** @module Synchronous listener lists for trade updates, prints and quotes; a throwing listener cannot corrupt the exchange. */
import type { SimPrint, SimQuote, SimTradeUpdate } from '../contracts.ts';

type Listener<T> = (value: T) => void;

export interface EventHub {
  onTradeUpdate(listener: Listener<SimTradeUpdate>): () => void;
  onPrint(listener: Listener<SimPrint>): () => void;
  onQuote(listener: Listener<SimQuote>): () => void;
  tradeUpdate(update: SimTradeUpdate): void;
  print(print: SimPrint): void;
  quote(quote: SimQuote): void;
}

function listenerList<T>(): { add: (l: Listener<T>) => () => void; emit: (value: T) => void } {
  let listeners: Listener<T>[] = [];
  return {
    add: (l) => {
      listeners = [...listeners, l];
      return () => {
        listeners = listeners.filter((x) => x !== l);
      };
    },
    emit: (value) => {
      for (const l of listeners) {
        try {
          l(value);
        } catch (e) {
          // The exchange is mid-operation here; a listener's bug surfaces as an uncaught error instead.
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    },
  };
}

export function createEventHub(): EventHub {
  const updates = listenerList<SimTradeUpdate>();
  const prints = listenerList<SimPrint>();
  const quotes = listenerList<SimQuote>();
  return {
    onTradeUpdate: updates.add,
    onPrint: prints.add,
    onQuote: quotes.add,
    tradeUpdate: updates.emit,
    print: prints.emit,
    quote: quotes.emit,
  };
}
