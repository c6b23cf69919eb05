/** @module Identifiers: random UUID v4 for orders and executions, stable name-based ids for assets. */
import { createHash, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

const assetIds = new Map<string, string>();

/**
 * A stable UUID-shaped id per symbol (name-based, like RFC 4122 v5). Same algorithm as the server's
 * asset book, so positions and orders carry the asset id that `GET /v2/assets` shows. Memoised: every
 * order record asks for one.
 */
export function assetIdFor(symbol: string): string {
  const known = assetIds.get(symbol);
  if (known !== undefined) return known;
  const h = createHash('sha1').update(`strikeline-sim-asset:${symbol}`).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  assetIds.set(symbol, id);
  return id;
}

/** A paper-style account number derived from the seed (PA + 10 digits). */
export function accountNumberFor(seed: number): string {
  const digits = String(Math.abs(Math.floor(seed * 7919 + 104729)) % 1e10).padStart(10, '0');
  return `PA${digits}`;
}
