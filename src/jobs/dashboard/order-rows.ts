/** @module Today's orders for the dashboard, each entry fill with the fill -> protection latency the daemon journaled. */
import type { OrderReport } from '../../domain/orders.ts';
import type { JournalEntry } from '../../domain/ports.ts';

export interface OrderRow {
  readonly id: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly type: string;
  readonly orderClass: string;
  readonly status: string;
  readonly qty: number | null;
  readonly filledQty: number;
  readonly filledAvgPrice: number | null;
  readonly tsCreated: number;
  readonly tsFilled: number | null;
  /** For a filled buy: the protective order the daemon placed for it and how long after the fill it was sent/acknowledged. */
  readonly protection: {
    readonly role: string;
    readonly latencySentMs: number | null;
    readonly latencyAckMs: number | null;
  } | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Newest first; legs of a bracket or OCO are their parent's business and not listed apart. */
export function orderRows(
  orders: readonly OrderReport[],
  journal: readonly JournalEntry[],
): OrderRow[] {
  const placed = new Map<string, JournalEntry>();
  for (const e of journal) {
    const entryOrderId = e.data?.entryOrderId;
    if (
      e.action === 'protection_placed' &&
      typeof entryOrderId === 'string' &&
      !placed.has(entryOrderId)
    )
      placed.set(entryOrderId, e);
  }
  return [...orders]
    .sort((a, b) => b.tsCreated - a.tsCreated)
    .map((o) => {
      const p = placed.get(o.id);
      return {
        id: o.id,
        clientOrderId: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        type: o.type,
        orderClass: o.orderClass,
        status: o.status,
        qty: o.qty,
        filledQty: o.filledQty,
        filledAvgPrice: o.filledAvgPrice,
        tsCreated: o.tsCreated,
        tsFilled: o.tsFilled,
        protection:
          p === undefined
            ? null
            : {
                role: typeof p.data?.role === 'string' ? p.data.role : 'order',
                latencySentMs: num(p.data?.latencySentMs),
                latencyAckMs: num(p.data?.latencyAckMs),
              },
      };
    });
}
