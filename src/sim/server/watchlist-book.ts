/**
 * @module The account's watchlists (Alpaca's rules): a unique non-empty name, an ordered list of known assets without
 * duplicates, created/updated times from the simulator's clock.
 */
import { randomUUID } from 'node:crypto';
import { HttpError, invalid, notFound } from './http-error.ts';

export interface Watchlist {
  readonly id: string;
  readonly name: string;
  readonly symbols: readonly string[];
  readonly created_at: number;
  readonly updated_at: number;
}

export interface WatchlistBook {
  all(): Watchlist[];
  get(id: string): Watchlist;
  byName(name: string): Watchlist;
  create(name: string, symbols: readonly string[]): Watchlist;
  /** Replaces the name and, when given, the symbols. */
  update(id: string, name: string, symbols: readonly string[] | undefined): Watchlist;
  addSymbol(id: string, symbol: string): Watchlist;
  removeSymbol(id: string, symbol: string): Watchlist;
  remove(id: string): void;
}

export interface WatchlistBookDeps {
  readonly now: () => number;
  /** The listed symbol for a symbol or asset id, else undefined. */
  readonly symbolOf: (symbolOrId: string) => string | undefined;
}

export function createWatchlistBook(deps: WatchlistBookDeps): WatchlistBook {
  const lists = new Map<string, Watchlist>();
  const get = (id: string): Watchlist => {
    const w = lists.get(id);
    if (!w) throw notFound('watchlist not found');
    return w;
  };
  const checkName = (name: string, except?: string): void => {
    if (name.trim() === '') throw invalid('name is required');
    if ([...lists.values()].some((w) => w.name === name && w.id !== except))
      throw new HttpError(422, 40010001, 'watchlist name must be unique');
  };
  const symbolsOf = (raw: readonly string[]): string[] => {
    const out: string[] = [];
    for (const s of raw) {
      const symbol = deps.symbolOf(s);
      if (symbol === undefined) throw new HttpError(422, 40010001, `asset not found: ${s}`);
      if (out.includes(symbol))
        throw new HttpError(422, 40010001, `duplicate symbol in watchlist: ${symbol}`);
      out.push(symbol);
    }
    return out;
  };
  const save = (w: Watchlist): Watchlist => {
    const frozen = Object.freeze({ ...w, symbols: Object.freeze([...w.symbols]) });
    lists.set(w.id, frozen);
    return frozen;
  };
  return {
    all: () => [...lists.values()],
    get,
    byName(name) {
      const w = [...lists.values()].find((x) => x.name === name);
      if (!w) throw notFound('watchlist not found');
      return w;
    },
    create(name, symbols) {
      checkName(name);
      const now = deps.now();
      return save({
        id: randomUUID(),
        name,
        symbols: symbolsOf(symbols),
        created_at: now,
        updated_at: now,
      });
    },
    update(id, name, symbols) {
      const w = get(id);
      checkName(name, id);
      return save({
        ...w,
        name,
        symbols: symbols === undefined ? w.symbols : symbolsOf(symbols),
        updated_at: deps.now(),
      });
    },
    addSymbol(id, symbol) {
      const w = get(id);
      return save({ ...w, symbols: symbolsOf([...w.symbols, symbol]), updated_at: deps.now() });
    },
    removeSymbol(id, symbol) {
      const w = get(id);
      const known = deps.symbolOf(symbol) ?? symbol.toUpperCase();
      if (!w.symbols.includes(known)) throw notFound(`symbol not in watchlist: ${symbol}`);
      return save({ ...w, symbols: w.symbols.filter((s) => s !== known), updated_at: deps.now() });
    },
    remove(id) {
      get(id);
      lists.delete(id);
    },
  };
}
