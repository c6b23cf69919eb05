/**
 * @module Folds a REST snapshot (positions, open orders, recent closed orders) into the holdings: the audit's
 * and startup's reconciliation. Events applied after the snapshot was requested win over it.
 */
import { isProtectiveRole, roleOfClientOrderId } from '../ids/client-order-ids.ts';
import type { Snapshot } from './daemon-inputs.ts';
import { openExitState } from '../rules/exit-rules.ts';
import {
  newHolding,
  trackedFromReport,
  withEnded,
  type Holding,
  type TrackedOrder,
} from './holding.ts';
import type { Draft } from './draft.ts';
import type { PositionReport } from '../account.ts';
import type { OrderReport } from '../orders.ts';

/**
 * A position the daemon did not know: its generation is the run of buys since it was last flat, walked back
 * from the newest closed order; the first of them anchors client ids and dates the entry.
 */
function adopt(d: Draft, p: PositionReport, recent: readonly OrderReport[]): Holding | undefined {
  const filled = recent
    .filter((o) => o.symbol === p.symbol && o.filledQty > 0)
    .sort((a, b) => (b.tsFilled ?? b.tsUpdated) - (a.tsFilled ?? a.tsUpdated));
  let need: number = p.qty;
  let first: OrderReport | undefined;
  const buys: OrderReport[] = [];
  for (const o of filled) {
    if (o.side === 'sell') need += o.filledQty;
    else {
      need -= o.filledQty;
      first = o;
      buys.push(o);
    }
    if (need <= 1e-9) break;
  }
  const own = buys.some((o) => o.clientOrderId.startsWith(d.options.ownPrefix));
  if (d.options.protect === 'own' && !own) return undefined;
  const anchor = first?.id ?? `pos:${p.symbol}:${p.avgEntryPrice}`;
  const tsEntry = first?.tsFilled ?? d.now;
  return newHolding(p.symbol, {
    exit: openExitState(p.avgEntryPrice, tsEntry),
    anchor,
    entryOrderId: anchor,
    managed: true,
  });
}

/** How far a restated price may stray from the exact inverse of the share ratio (rounding of the restated average). */
const SPLIT_TOLERANCE = 0.005;
/**
 * The smallest change of shares read as a split (real ones are 5-for-4 or more, 4-for-5 or less; a 5 % stock
 * dividend is the smallest restatement). Below it, a buy at a far lower price could keep the cost within the
 * tolerance and pass for one; above it, such a buy would need a price 90 % under the entry.
 */
const MIN_SPLIT_STEP = 0.05;

/**
 * The ratio of a split between what the daemon knew and the broker's position: shares multiplied by r while the
 * average price divided by r (the cost unchanged, as a split leaves it). A buy or a sale changes the shares but
 * keeps the price near, so it is never taken for one. Null when nothing was split.
 */
export function splitRatio(h: Holding, p: PositionReport): number | null {
  if (h.qty <= 0 || p.qty <= 0 || h.exit.entryPrice <= 0 || p.avgEntryPrice <= 0) return null;
  const r = p.qty / h.qty;
  if (Math.abs(r - 1) < MIN_SPLIT_STEP) return null;
  const priceRatio = h.exit.entryPrice / p.avgEntryPrice;
  return Math.abs(priceRatio / r - 1) < SPLIT_TOLERANCE ? r : null;
}

/** Local orders confirmed, refreshed or dropped by REST; REST orders unknown locally are adopted. */
function mergeOrders(
  d: Draft,
  h: Holding,
  open: readonly OrderReport[],
  tsRequested: number,
): { orders: TrackedOrder[]; gone: string[] } {
  const orders: TrackedOrder[] = [];
  const gone: string[] = [];
  const matched = new Set<string>();
  for (const t of h.orders) {
    const r = open.find(
      (o) => o.id === t.orderId || t.liveIds.includes(o.id) || o.clientOrderId === t.clientOrderId,
    );
    if (r !== undefined) {
      matched.add(r.id);
      const f = trackedFromReport(r, d.now);
      orders.push({
        ...t,
        orderId: r.id,
        liveIds: f.liveIds,
        qty: f.qty,
        state: t.state === 'cancelling' ? 'cancelling' : 'open',
      });
    } else if (t.state === 'submitting' || t.state === 'unknown' || t.tsSince > tsRequested) {
      orders.push(t);
    } else {
      gone.push(t.clientOrderId, t.orderId ?? '', ...t.liveIds);
    }
  }
  for (const r of open) {
    if (
      r.side === 'sell' &&
      !matched.has(r.id) &&
      !h.ended.includes(r.id) &&
      !h.ended.includes(r.clientOrderId)
    ) {
      orders.push(trackedFromReport(r, d.now));
    }
  }
  return { orders, gone };
}

export function applySnapshot(d: Draft, s: Snapshot): void {
  const positions = new Map(s.positions.filter((p) => p.qty > 0).map((p) => [p.symbol, p]));
  const openBySymbol = new Map<string, OrderReport[]>();
  for (const o of s.openOrders)
    openBySymbol.set(o.symbol, [...(openBySymbol.get(o.symbol) ?? []), o]);
  const orphanSymbols = s.openOrders
    .filter((o) => o.side === 'sell' && isProtectiveRole(roleOfClientOrderId(o.clientOrderId)))
    .map((o) => o.symbol);
  const symbols = new Set([...positions.keys(), ...d.holdings.keys(), ...orphanSymbols]);
  for (const symbol of symbols) {
    const p = positions.get(symbol);
    const open = openBySymbol.get(symbol) ?? [];
    let h = d.get(symbol);
    if (h === undefined) {
      // A protective order of ours without a holding: track it under an empty holding so that it is cancelled.
      h =
        p === undefined
          ? newHolding(symbol, { exit: openExitState(0, d.now), anchor: 'orphan' })
          : adopt(d, p, s.recentOrders);
      if (h === undefined) continue;
    }
    if (h.tsLastEvent <= s.tsRequested) {
      const openBuyIds = open.filter((o) => o.side === 'buy').map((o) => o.id);
      const entry = p?.avgEntryPrice ?? h.exit.entryPrice;
      const ratio = p === undefined ? null : splitRatio(h, p);
      if (ratio !== null) d.rescaled.add(symbol);
      // After a split the high-water mark is restated per new share like the entry; otherwise it only rises.
      const highWater =
        ratio === null
          ? Math.max(h.exit.highWater, entry)
          : Math.max(h.exit.highWater / ratio, entry);
      h = {
        ...h,
        qty: p?.qty ?? 0,
        exit: { ...h.exit, entryPrice: entry, highWater },
        openBuyIds,
        deferredFor: h.deferredFor.filter((id) => openBuyIds.includes(id)),
        awaitingAuditSince:
          h.awaitingAuditSince > 0 && s.tsRequested >= h.awaitingAuditSince
            ? 0
            : h.awaitingAuditSince,
      };
    }
    const { orders, gone } = mergeOrders(d, h, open, s.tsRequested);
    d.set(withEnded({ ...h, orders }, ...gone));
  }
}
