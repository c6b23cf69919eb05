/** @module The simulator's tradable assets as Alpaca's Asset JSON (ALPACA.md §6.4), looked up by symbol or asset id. */
import { createHash } from 'node:crypto';
import type { SimSymbolInfo } from '../contracts.ts';

export interface AssetBook {
  readonly all: readonly Record<string, unknown>[];
  /** Asset JSON by symbol (case-insensitive) or asset id. */
  find(symbolOrId: string): Record<string, unknown> | undefined;
  /** The listing exchange of a symbol (for positions). */
  exchangeOf(symbol: string): string;
}

/** A stable UUID-shaped id per symbol (name-based, like RFC 4122 v5), unless the exchange names its own. */
export function defaultAssetId(symbol: string): string {
  const h = createHash('sha1').update(`strikeline-sim-asset:${symbol}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function assetJson(info: SimSymbolInfo, id: string): Record<string, unknown> {
  return {
    id,
    class: 'us_equity',
    exchange: info.exchange,
    symbol: info.symbol,
    name: info.name,
    status: 'active',
    tradable: true,
    marginable: true,
    shortable: true,
    easy_to_borrow: true,
    fractionable: info.fractionable,
    attributes: ['has_options'],
    min_order_size: info.fractionable ? '0.000000001' : '1',
    min_trade_increment: info.fractionable ? '0.000000001' : '1',
    price_increment: '0.01',
    maintenance_margin_requirement: 30,
    margin_requirement_long: '30',
    margin_requirement_short: '30',
  };
}

export function createAssetBook(symbols: readonly SimSymbolInfo[], assetIdOf: (symbol: string) => string = defaultAssetId): AssetBook {
  const all = symbols.map((s) => assetJson(s, assetIdOf(s.symbol)));
  const bySymbol = new Map(all.map((a) => [String(a.symbol), a]));
  const byId = new Map(all.map((a) => [String(a.id), a]));
  const exchanges = new Map(symbols.map((s) => [s.symbol, s.exchange]));
  return {
    all,
    find: (key) => bySymbol.get(key.toUpperCase()) ?? byId.get(key.toLowerCase()),
    exchangeOf: (symbol) => exchanges.get(symbol) ?? 'NASDAQ',
  };
}
