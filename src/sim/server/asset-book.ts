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

const CUSIP_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check digit of a CUSIP's first eight characters (modulus 10, double-add-double). */
function cusipCheckDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    const v = CUSIP_CHARS.indexOf(base[i] ?? '0');
    const w = i % 2 === 1 ? v * 2 : v;
    sum += Math.floor(w / 10) + (w % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** A stable, well-formed (check digit included) synthetic CUSIP per symbol: not the real security's. */
export function syntheticCusip(symbol: string): string {
  const h = createHash('sha1').update(`strikeline-sim-cusip:${symbol}`).digest();
  const issuer = Array.from(h.subarray(0, 6), (b) => CUSIP_CHARS[b % 36] ?? '0').join('');
  const base = `${issuer}10`;
  return `${base}${cusipCheckDigit(base)}`;
}

export function assetJson(info: SimSymbolInfo, id: string): Record<string, unknown> {
  return {
    id,
    cusip: syntheticCusip(info.symbol),
    class: 'us_equity',
    exchange: info.exchange,
    symbol: info.symbol,
    name: info.name,
    status: 'active',
    tradable: true,
    marginable: true,
    shortable: true,
    easy_to_borrow: true,
    borrow_status: 'easy_to_borrow',
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

export function createAssetBook(
  symbols: readonly SimSymbolInfo[],
  assetIdOf: (symbol: string) => string = defaultAssetId,
): AssetBook {
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
