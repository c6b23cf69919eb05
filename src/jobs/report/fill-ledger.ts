/**
 * @module Realized P/L from the broker's filled orders by the average-cost method, pure. Filled orders
 * (legs included) are walked in fill order per symbol: a buy moves the average entry to
 * (avg x held + price x qty) / (held + qty); a sell realizes (price - avg) x qty and leaves the average
 * unchanged; a position back at zero starts afresh. A sell of shares bought before the window has no
 * known entry (entryPrice null). Each order counts once, at its average fill price and last fill time.
 */
import type { OrderReport } from '../../domain/orders.ts';
import { flattenLegs } from '../ops/position-coverage.ts';

export interface RealizedSale {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly qty: number;
  readonly exitPrice: number;
  /** Average entry of the shares sold; null when they were bought before the window. */
  readonly entryPrice: number | null;
  /** (exit - entry) x qty; null without a known entry. */
  readonly realizedPl: number | null;
  readonly tsFilled: number;
  /** When the position this sale reduces was opened (its first buy in the window), if known. */
  readonly tsOpened: number | null;
  /** The order's type (`stop`, `limit`, `market`, ...): which leg of an OCO filled. */
  readonly type: string;
  readonly stopPrice: number | null;
  /** The client id of the order this one is a leg of (an OCO's stop leg), else null. */
  readonly parentClientOrderId: string | null;
}

export interface OpenLot {
  readonly symbol: string;
  readonly qty: number;
  readonly avgEntryPrice: number;
  readonly tsOpened: number;
}

export interface FillLedger {
  readonly sales: readonly RealizedSale[];
  /** What the walk says is still held, per symbol. */
  readonly open: ReadonlyMap<string, OpenLot>;
}

const EPS = 1e-9;

export function walkFills(orders: readonly OrderReport[]): FillLedger {
  const parentOf = new Map<string, string>();
  const visit = (o: OrderReport): void => {
    for (const l of o.legs) {
      parentOf.set(l.id, o.clientOrderId);
      visit(l);
    }
  };
  orders.forEach(visit);
  const fills = flattenLegs(orders)
    .filter((o) => o.filledQty > 0 && o.filledAvgPrice !== null && o.tsFilled !== null)
    .sort((a, b) => (a.tsFilled ?? 0) - (b.tsFilled ?? 0) || a.id.localeCompare(b.id));
  const lots = new Map<string, { qty: number; avg: number; tsOpened: number; known: boolean }>();
  const sales: RealizedSale[] = [];
  for (const o of fills) {
    const price = o.filledAvgPrice ?? 0;
    const ts = o.tsFilled ?? 0;
    const lot = lots.get(o.symbol) ?? { qty: 0, avg: 0, tsOpened: ts, known: true };
    if (o.side === 'buy') {
      const qty = lot.qty + o.filledQty;
      lots.set(o.symbol, {
        qty,
        avg: (lot.avg * lot.qty + price * o.filledQty) / qty,
        tsOpened: lot.qty > EPS ? lot.tsOpened : ts,
        known: lot.qty > EPS ? lot.known : true,
      });
      continue;
    }
    const known = lot.known && lot.qty + EPS >= o.filledQty;
    sales.push({
      orderId: o.id,
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      qty: o.filledQty,
      exitPrice: price,
      entryPrice: known ? lot.avg : null,
      realizedPl: known ? (price - lot.avg) * o.filledQty : null,
      tsFilled: ts,
      tsOpened: known ? lot.tsOpened : null,
      type: o.type,
      stopPrice: o.stopPrice,
      parentClientOrderId: parentOf.get(o.id) ?? null,
    });
    const left = lot.qty - o.filledQty;
    lots.set(
      o.symbol,
      left > EPS ? { ...lot, qty: left, known } : { qty: 0, avg: 0, tsOpened: ts, known: true },
    );
  }
  const open = new Map<string, OpenLot>();
  for (const [symbol, lot] of lots)
    if (lot.qty > EPS)
      open.set(symbol, { symbol, qty: lot.qty, avgEntryPrice: lot.avg, tsOpened: lot.tsOpened });
  return { sales, open };
}
