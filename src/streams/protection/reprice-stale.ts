/** @module Held symbols without a trade for too long are re-priced over REST (latest trade), so soft exits still see prices. */
import { EMPTY, catchError, defer, exhaustMap, filter, mergeMap, type Observable } from 'rxjs';
import type { MarketTrade } from '../../domain/events.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import type { ExitSignal, PricesStale } from '../../operators/evaluate-exits.ts';

const isStale = (s: ExitSignal): s is PricesStale => s.kind === 'PricesStale';

/** The latest trade of each stale symbol, as a market trade; a failed read is logged and skipped. */
export function repriceStale(
  broker: Broker,
  signals$: Observable<ExitSignal>,
  log: Logger,
): Observable<MarketTrade> {
  return signals$.pipe(
    filter(isStale),
    exhaustMap((s) =>
      defer(() => broker.getLatestPrices(s.symbols)).pipe(
        mergeMap((prices) =>
          Object.values(prices).flatMap((p): MarketTrade[] =>
            p.last === null
              ? []
              : [{ kind: 'MarketTrade', symbol: p.symbol, price: p.last, size: 0, tsEvent: p.ts }],
          ),
        ),
        catchError((e: unknown) => {
          log.warn(
            { symbols: s.symbols, err: e instanceof Error ? e.message : String(e) },
            'stale symbols could not be re-priced',
          );
          return EMPTY;
        }),
      ),
    ),
  );
}
