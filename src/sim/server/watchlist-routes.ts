/**
 * @module Trading REST: watchlists by id (`/v2/watchlists/{id}`, `/{id}/{symbol}`) and by name
 * (`/v2/watchlists:by_name?name=`). The colon route is matched first, literally, like the orders' one.
 */
import { invalid } from './http-error.ts';
import { asObject } from './parse-order-request.ts';
import { rfc3339 } from './new-york-time.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';
import type { Watchlist } from './watchlist-book.ts';

function json(deps: TradingDeps, w: Watchlist, withAssets: boolean): Record<string, unknown> {
  const base = {
    id: w.id,
    account_id: deps.exchange.account().id,
    name: w.name,
    created_at: rfc3339(w.created_at),
    updated_at: rfc3339(w.updated_at),
  };
  return withAssets ? { ...base, assets: w.symbols.map((s) => deps.assets.find(s)) } : base;
}

/** `{name, symbols?}` of POST/PUT; symbols may be null (no change on PUT, none on POST). */
function readBody(req: RestRequest): { name: string; symbols: string[] | undefined } {
  const b = asObject(req.json());
  if (typeof b.name !== 'string') throw invalid('name is required');
  if (b.symbols === undefined || b.symbols === null) return { name: b.name, symbols: undefined };
  if (!Array.isArray(b.symbols) || !b.symbols.every((s): s is string => typeof s === 'string'))
    throw invalid('symbols must be an array of strings');
  return { name: b.name, symbols: b.symbols };
}

function readSymbol(req: RestRequest): string {
  const b = asObject(req.json());
  if (typeof b.symbol !== 'string' || b.symbol === '') throw invalid('symbol is required');
  return b.symbol;
}

/** The methods on one watchlist, whichever way it was named. */
function one(req: RestRequest, deps: TradingDeps, id: string): RestResult | undefined {
  const book = deps.watchlists;
  switch (req.method) {
    case 'GET':
      return ok(json(deps, book.get(id), true));
    case 'POST':
      return ok(json(deps, book.addSymbol(id, readSymbol(req)), true));
    case 'PUT': {
      const { name, symbols } = readBody(req);
      return ok(json(deps, book.update(id, name, symbols), true));
    }
    case 'DELETE':
      book.remove(id);
      return { status: 204 };
    default:
      return undefined;
  }
}

/** Handles the path if it belongs to this group, else undefined. */
export function watchlistRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  const book = deps.watchlists;
  if (req.path === '/v2/watchlists:by_name' || req.path === '/v2/watchlists%3Aby_name') {
    const name = req.query.get('name');
    if (!name) throw invalid('name is required');
    return one(req, deps, book.byName(name).id);
  }
  if (req.path === '/v2/watchlists') {
    if (req.method === 'GET') return ok(book.all().map((w) => json(deps, w, false)));
    if (req.method !== 'POST') return undefined;
    const { name, symbols } = readBody(req);
    return ok(json(deps, book.create(name, symbols ?? []), true));
  }
  const m = /^\/v2\/watchlists\/([^/]+)(?:\/([^/]+))?$/.exec(req.path);
  if (!m?.[1]) return undefined;
  const id = decodeURIComponent(m[1]);
  if (m[2] === undefined) return one(req, deps, id);
  if (req.method !== 'DELETE') return undefined;
  return ok(json(deps, book.removeSymbol(id, decodeURIComponent(m[2])), true));
}
