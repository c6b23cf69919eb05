/** @module Synchronous listener lists for trade updates, prints, quotes and session events; a throwing listener cannot corrupt the exchange. */
import type {
  SimPrint,
  SimQuote,
  SimSessionEvent,
  SimTradeFix,
  SimTradeUpdate,
} from '../contracts.ts';

type Listener<T> = (value: T) => void;

export interface EventHub {
  onTradeUpdate(listener: Listener<SimTradeUpdate>): () => void;
  onPrint(listener: Listener<SimPrint>): () => void;
  onQuote(listener: Listener<SimQuote>): () => void;
  onSession(listener: Listener<SimSessionEvent>): () => void;
  onTradeFix(listener: Listener<SimTradeFix>): () => void;
  tradeUpdate(update: SimTradeUpdate): void;
  print(print: SimPrint): void;
  quote(quote: SimQuote): void;
  session(event: SimSessionEvent): void;
  tradeFix(fix: SimTradeFix): void;
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
  const sessions = listenerList<SimSessionEvent>();
  const fixes = listenerList<SimTradeFix>();
  return {
    onTradeUpdate: updates.add,
    onPrint: prints.add,
    onQuote: quotes.add,
    onSession: sessions.add,
    onTradeFix: fixes.add,
    tradeUpdate: updates.emit,
    print: prints.emit,
    quote: quotes.emit,
    session: sessions.emit,
    tradeFix: fixes.emit,
  };
}
