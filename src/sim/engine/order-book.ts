/** @module Every order the exchange has accepted, with indexes: by id, by client order id (unique forever), open orders per symbol. */
import type { OrderRecord } from './order-record.ts';
import { isOpen } from './order-record.ts';

export interface OrderBook {
  add(rec: OrderRecord): void;
  get(id: string): OrderRecord | undefined;
  byClientId(clientOrderId: string): OrderRecord | undefined;
  clientIdUsed(clientOrderId: string): boolean;
  /** Call after a record's status changed: keeps the open index right. */
  touch(rec: OrderRecord): void;
  /** Open orders (incl. accepted and held), oldest first; of one symbol when given. */
  open(symbol?: string): OrderRecord[];
  /** All orders, oldest first. */
  all(): OrderRecord[];
  nextSeq(): number;
}

export function createOrderBook(): OrderBook {
  const byId = new Map<string, OrderRecord>();
  const byClient = new Map<string, string>();
  const openBySymbol = new Map<string, Map<string, OrderRecord>>();
  let seq = 0;

  const openOf = (symbol: string): Map<string, OrderRecord> => {
    let m = openBySymbol.get(symbol);
    if (!m) {
      m = new Map();
      openBySymbol.set(symbol, m);
    }
    return m;
  };
  const bySeq = (a: OrderRecord, b: OrderRecord): number => a.seq - b.seq;

  return {
    add(rec) {
      byId.set(rec.id, rec);
      byClient.set(rec.client_order_id, rec.id);
      if (isOpen(rec)) openOf(rec.symbol).set(rec.id, rec);
    },
    get: (id) => byId.get(id),
    byClientId(clientOrderId) {
      const id = byClient.get(clientOrderId);
      return id === undefined ? undefined : byId.get(id);
    },
    clientIdUsed: (clientOrderId) => byClient.has(clientOrderId),
    touch(rec) {
      if (isOpen(rec)) openOf(rec.symbol).set(rec.id, rec);
      else openBySymbol.get(rec.symbol)?.delete(rec.id);
    },
    open(symbol) {
      if (symbol !== undefined) return [...(openBySymbol.get(symbol)?.values() ?? [])].sort(bySeq);
      return [...openBySymbol.values()].flatMap((m) => [...m.values()]).sort(bySeq);
    },
    all: () => [...byId.values()],
    nextSeq: () => ++seq,
  };
}
