/**
 * @module The sales of one position grouped into one trade, pure: a position's whole-share OCO and its
 * fractional DAY stop (or fraction target sale) are two broker orders but one trade for the trader.
 */
import type { RealizedSale } from './fill-ledger.ts';

/** Sales of shares bought before the window (no known open) within this gap of each other are one exit. */
const UNKNOWN_OPEN_GAP_MS = 5 * 60_000;

/**
 * Groups sales by position: same symbol and same opening buy (the ledger's `tsOpened`); sales of an unknown
 * opening join when they follow each other within five minutes. Groups and their sales keep fill order.
 *
 * @example roundTrips([ocoStopSale, dayStopSale]) // [[ocoStopSale, dayStopSale]]
 */
export function roundTrips(sales: readonly RealizedSale[]): RealizedSale[][] {
  const ordered = [...sales].sort(
    (a, b) => a.tsFilled - b.tsFilled || a.orderId.localeCompare(b.orderId),
  );
  const groups = new Map<string, RealizedSale[]>();
  const lastUnknown = new Map<string, { key: string; ts: number }>();
  for (const s of ordered) {
    let key = `${s.symbol}|${String(s.tsOpened)}`;
    if (s.tsOpened === null) {
      const prev = lastUnknown.get(s.symbol);
      key =
        prev !== undefined && s.tsFilled - prev.ts <= UNKNOWN_OPEN_GAP_MS
          ? prev.key
          : `${s.symbol}|?|${s.orderId}`;
      lastUnknown.set(s.symbol, { key, ts: s.tsFilled });
    }
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()];
}
