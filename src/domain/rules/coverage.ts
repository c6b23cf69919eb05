/** @module Coverage: how many of a position's shares sit under protective orders, from tracked orders or broker reports. */
import type { PositionReport } from '../account.ts';
import { roleOfClientOrderId } from '../ids/client-order-ids.ts';
import type { CoverageLine } from '../holdings/daemon-events.ts';
import { remainingQty, type Holding } from '../holdings/holding.ts';
import type { OrderReport } from '../orders.ts';
import { isTerminalStatus } from '../orders.ts';

const round = (n: number): number => Math.round(n * 1e9) / 1e9;

/** Coverage of a holding from what the daemon tracks (pending = sent, not yet answered or unclear). */
export function coverageOfHolding(h: Holding): CoverageLine {
  let ocoQty = 0;
  let stopQty = 0;
  let otherQty = 0;
  let pendingQty = 0;
  for (const o of h.orders) {
    if (o.state === 'submitting' || o.state === 'unknown') pendingQty += o.qty;
    else if (o.role === 'oco') ocoQty += o.qty;
    else if (o.role === 'stop') stopQty += o.qty;
    else otherQty += o.qty;
  }
  const unprotectedQty = Math.max(0, h.qty - ocoQty - stopQty - otherQty - pendingQty);
  return {
    symbol: h.symbol,
    qty: h.qty,
    ocoQty: round(ocoQty),
    stopQty: round(stopQty),
    otherQty: round(otherQty),
    pendingQty: round(pendingQty),
    unprotectedQty: round(unprotectedQty),
  };
}

/**
 * Coverage of every long position from broker reports (GET /v2/positions and open orders, nested): each open
 * sell reserves its remaining shares once (an OCO's legs share them). For `strikeline status` and audits.
 */
export function coverageFromReports(
  positions: readonly PositionReport[],
  openOrders: readonly OrderReport[],
): CoverageLine[] {
  return positions
    .filter((p) => p.qty > 0)
    .map((p) => {
      let ocoQty = 0;
      let stopQty = 0;
      let otherQty = 0;
      for (const o of openOrders) {
        if (o.symbol !== p.symbol || o.side !== 'sell' || isTerminalStatus(o.status)) continue;
        const role = roleOfClientOrderId(o.clientOrderId);
        if (role === 'oco') ocoQty += remainingQty(o);
        else if (role === 'stop') stopQty += remainingQty(o);
        else otherQty += remainingQty(o);
      }
      const unprotectedQty = Math.max(0, p.qty - ocoQty - stopQty - otherQty);
      return {
        symbol: p.symbol,
        qty: p.qty,
        ocoQty: round(ocoQty),
        stopQty: round(stopQty),
        otherQty: round(otherQty),
        pendingQty: 0,
        unprotectedQty: round(unprotectedQty),
      };
    });
}
