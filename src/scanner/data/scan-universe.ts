/**
 * @module The universe (seed 002's universe provider): the static default list of 36 large caps, the
 * `config/universe.csv` file (header `symbol`, optional `sector` column), or `--symbols`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isTicker } from './ticker.ts';

// prettier-ignore
export const DEFAULT_UNIVERSE: readonly string[] = [
  'AAPL', 'MSFT', 'GOOGL', 'AMZN', 'NVDA', 'META', 'TSLA', 'JPM', 'V', 'JNJ', 'WMT', 'PG', 'MA', 'HD', 'XOM', 'CVX', 'BAC', 'KO',
  'PEP', 'ABBV', 'MRK', 'PFE', 'COST', 'AVGO', 'ADBE', 'CRM', 'NFLX', 'AMD', 'INTC', 'CSCO', 'ORCL', 'DIS', 'NKE', 'MCD', 'T', 'VZ',
];

export interface Universe {
  readonly symbols: readonly string[];
  /** Sectors from universe.csv's optional `sector` column. */
  readonly sectors: ReadonlyMap<string, string>;
  /** Entries refused (not a ticker), with the reason. */
  readonly invalid: ReadonlyArray<{ readonly ticker: string; readonly reason: string }>;
  readonly source: string;
}

export class UniverseError extends Error {
  override readonly name = 'UniverseError';
}

function build(entries: ReadonlyArray<{ ticker: string; sector?: string }>, source: string): Universe {
  const symbols: string[] = [];
  const sectors = new Map<string, string>();
  const invalid: Array<{ ticker: string; reason: string }> = [];
  for (const { ticker, sector } of entries) {
    const t = ticker.trim().toUpperCase();
    if (t === '') continue;
    if (!isTicker(t)) invalid.push({ ticker: t, reason: 'not a ticker (A-Z first, then A-Z, 0-9 or ".", at most 10 characters)' });
    else if (!symbols.includes(t)) symbols.push(t);
    if (sector !== undefined && sector.trim() !== '' && isTicker(t)) sectors.set(t, sector.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_'));
  }
  return { symbols, sectors, invalid, source };
}

/** `--symbols AAPL,MSFT` (commas or spaces). */
export function universeFromList(list: string): Universe {
  return build(list.split(/[\s,]+/).map((ticker) => ({ ticker })), '--symbols');
}

export function staticUniverse(): Universe {
  return build(DEFAULT_UNIVERSE.map((ticker) => ({ ticker })), 'static list');
}

/** Reads universe.csv: a header line with `symbol` (and optionally `sector`), one row per symbol. */
export function universeFromCsv(path: string): Universe {
  if (!existsSync(path)) throw new UniverseError(`${path} not found (scanner.universe is csv): create it with a header line "symbol"`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = header.indexOf('symbol');
  if (col < 0) throw new UniverseError(`${path}: the first line must be a header with a "symbol" column`);
  const sectorCol = header.indexOf('sector');
  const entries = lines.map((l) => {
    const cells = l.split(',');
    return { ticker: cells[col] ?? '', ...(sectorCol >= 0 ? { sector: cells[sectorCol] ?? '' } : {}) };
  });
  return build(entries, path);
}
