/** @module The shapes the simulator's REST route groups share: a parsed request, a result, and their dependencies. */
import type { Exchange, SyntheticMarket } from '../contracts.ts';
import type { AssetBook } from './asset-book.ts';
import type { WatchlistBook } from './watchlist-book.ts';

export interface RestRequest {
  readonly method: string;
  /** Path without the query string, exactly as sent (no decoding beyond the URL parser's). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body; throws a 400 HttpError when it is not JSON. Undefined when empty. */
  json(): unknown;
}

export interface RestResult {
  readonly status: number;
  /** JSON-serialised unless undefined (204). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TradingDeps {
  readonly exchange: Exchange;
  readonly market: SyntheticMarket;
  readonly assets: AssetBook;
  readonly watchlists: WatchlistBook;
  /** When the simulated account was opened (its `created_at`). */
  readonly createdAt: number;
}

export const ok = (body: unknown): RestResult => ({ status: 200, body });

/** The New York date of the last session closed at or before now (the account's `balance_asof`). */
export function lastCloseDate(deps: TradingDeps): string {
  const now = deps.exchange.now();
  try {
    return deps.market.calendar.previousSessionBefore(now).date;
  } catch {
    // A calendar with no earlier session: the account's balances are as of its opening day.
    return new Date(deps.createdAt).toISOString().slice(0, 10);
  }
}
