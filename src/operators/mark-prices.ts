/**
 * @module The held symbols' latest market trades, at most once per interval: what the risk authority values the
 * positions at between two account polls (docs/risk.md). It reads the daemon's one market feed; it opens none.
 */
import {
  asyncScheduler,
  map,
  scan,
  throttleTime,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { MarketTrade } from '../domain/events.ts';

/** A symbol's latest trade: its price and exchange time. */
export interface TradeMark {
  readonly price: number;
  readonly ts: number;
}

export interface PricesMarked {
  readonly kind: 'PricesMarked';
  /** Per symbol, the latest trade seen since the daemon started (the newest by its exchange time). */
  readonly prices: Readonly<Record<string, TradeMark>>;
}

/**
 * The first trade passes at once, then one event per `intervalMs` at most, carrying the latest of every symbol
 * (the last trades of an interval are never lost: the trailing edge sends them).
 * @example trades$.pipe(markPrices(1_000))
 */
export function markPrices(
  intervalMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<MarketTrade, PricesMarked> {
  return (trades$) =>
    trades$.pipe(
      scan((prices: Readonly<Record<string, TradeMark>>, t: MarketTrade) => {
        const seen = prices[t.symbol];
        // A late report of an earlier trade does not replace a newer price.
        return seen !== undefined && seen.ts > t.tsEvent
          ? prices
          : { ...prices, [t.symbol]: { price: t.price, ts: t.tsEvent } };
      }, {}),
      throttleTime(intervalMs, scheduler, { leading: true, trailing: true }),
      map((prices) => ({ kind: 'PricesMarked' as const, prices })),
    );
}
