/** @module Builds what the trading routes share (TradingDeps) from the exchange and the market. */
import type { Exchange, SyntheticMarket } from '../contracts.ts';
import { assetIdFor } from '../engine/ids.ts';
import { createAssetBook } from './asset-book.ts';
import type { TradingDeps } from './rest-types.ts';
import { createWatchlistBook } from './watchlist-book.ts';

export function createTradingDeps(
  exchange: Exchange,
  market: SyntheticMarket,
  createdAt: number,
): TradingDeps {
  const assets = createAssetBook(market.symbols, assetIdFor);
  const watchlists = createWatchlistBook({
    now: () => exchange.now(),
    symbolOf: (key) => {
      const asset = assets.find(key);
      return asset === undefined ? undefined : String(asset.symbol);
    },
  });
  return { exchange, market, assets, watchlists, createdAt };
}
