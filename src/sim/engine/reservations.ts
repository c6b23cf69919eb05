/** @module What open orders hold back: shares reserved by open sells (advanced-order exits once per group) and cash reserved by open buys. */
import { roundQty } from '../../domain/money.ts';
import type { OrderBook } from './order-book.ts';
import type { OrderRecord } from './order-record.ts';
import { isActive, remainingQty } from './order-record.ts';

/** Buffer on the last ask for market buys' cash reservation. */
export const MARKET_BUY_BUFFER = 1.05;

/** Shares held back by open sell orders of a symbol; the exits of one advanced order reserve their shares once. */
export function reservedShares(book: OrderBook, symbol: string, exclude?: OrderRecord): number {
  const perGroup = new Map<string, number>();
  let total = 0;
  for (const rec of book.open(symbol)) {
    if (rec.side !== 'sell' || !isActive(rec) || rec === exclude) continue;
    const remaining = remainingQty(rec);
    if (rec.group && rec.group.exitIds.includes(rec.id)) {
      const key = rec.group.exitIds[0] ?? rec.id;
      perGroup.set(key, Math.max(perGroup.get(key) ?? 0, remaining));
    } else {
      total += remaining;
    }
  }
  for (const v of perGroup.values()) total += v;
  return roundQty(total);
}

/** Cash one open buy holds back. */
export function cashReservation(rec: OrderRecord): number {
  if (rec.side !== 'buy' || !isActive(rec)) return 0;
  if (rec.notional !== null) return Math.max(0, rec.notional - rec.filledNotional);
  return rec.reservePerShare * remainingQty(rec);
}

/** Cash held back by every open buy order. */
export function reservedCash(book: OrderBook, exclude?: OrderRecord): number {
  let total = 0;
  for (const rec of book.open()) if (rec !== exclude) total += cashReservation(rec);
  return total;
}
