/**
 * Test support: what the exchange holds, read straight from the simulator's engine: every long position and the
 * shares its open sell orders with a stop cover (an OCO's stop leg, a plain or DAY stop), and the virtual time
 * at which a symbol first became fully covered.
 */
import type { Exchange, SimOrder } from '../../src/sim/contracts.ts';

const OPEN = new Set([
  'new',
  'accepted',
  'pending_new',
  'partially_filled',
  'held',
  'pending_cancel',
  'pending_replace',
]);
const EPS = 1e-9;

const remaining = (o: SimOrder): number => Math.max(0, (o.qty ?? 0) - o.filled_qty);
const hasStop = (o: SimOrder): boolean =>
  o.stop_price !== null || o.legs.some((l) => l.stop_price !== null && OPEN.has(l.status));

export interface SymbolCoverage {
  readonly symbol: string;
  readonly position: number;
  /** Shares under a live broker stop. */
  readonly stopped: number;
  /** Shares reserved by every open sell order (never above the position). */
  readonly reserved: number;
}

export function coverageOf(exchange: Exchange): SymbolCoverage[] {
  const sells = exchange
    .allOrders()
    .filter((o) => o.parent_id === null && o.side === 'sell' && OPEN.has(o.status));
  return exchange
    .positions()
    .filter((p) => p.qty > EPS)
    .map((p) => {
      const mine = sells.filter((o) => o.symbol === p.symbol);
      return {
        symbol: p.symbol,
        position: p.qty,
        stopped: mine.filter(hasStop).reduce((s, o) => s + remaining(o), 0),
        reserved: mine.reduce((s, o) => s + remaining(o), 0),
      };
    });
}

export const isCovered = (c: SymbolCoverage): boolean => c.stopped >= c.position - EPS;

/** Shares left without a stop, per symbol (empty when everything is covered). */
export function uncovered(exchange: Exchange): Record<string, number> {
  return Object.fromEntries(
    coverageOf(exchange)
      .filter((c) => !isCovered(c))
      .map((c) => [c.symbol, c.position - c.stopped]),
  );
}
