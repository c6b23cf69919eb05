/** @module Query parameters of the market-data REST endpoints: timeframe, times, limit, sort, symbols, page tokens. */
import type { SimAdjustment, SimTimeframe } from '../../contracts.ts';
import { addDays, nyEpoch } from '../../market/ny-time.ts';

/** A market-data request error, answered as `{code, message}` with the HTTP status. */
export class DataRequestError extends Error {
  override readonly name = 'DataRequestError';
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalidParam = (message: string): DataRequestError =>
  new DataRequestError(422, 42210000, message);
export const symbolNotFound = (symbol: string): DataRequestError =>
  new DataRequestError(404, 40410000, `symbol not found: ${symbol}`);

const UNITS: Readonly<Record<string, SimTimeframe['unit']>> = {
  Min: 'Min',
  T: 'Min',
  Hour: 'Hour',
  H: 'Hour',
  Day: 'Day',
  D: 'Day',
  Week: 'Week',
  W: 'Week',
  Month: 'Month',
  M: 'Month',
};

/** `{1-59}Min|T`, `{1-23}Hour|H`, `1Day|D`, `1Week|W`, `{1,2,3,4,6,12}Month|M`. */
export function parseTimeframe(value: string | null): SimTimeframe {
  const m = /^(\d{1,2})(Min|T|Hour|H|Day|D|Week|W|Month|M)$/.exec(value ?? '');
  const unit = m?.[2] === undefined ? undefined : UNITS[m[2]];
  const amount = Number(m?.[1]);
  const ok =
    unit !== undefined &&
    ((unit === 'Min' && amount >= 1 && amount <= 59) ||
      (unit === 'Hour' && amount >= 1 && amount <= 23) ||
      ((unit === 'Day' || unit === 'Week') && amount === 1) ||
      (unit === 'Month' && [1, 2, 3, 4, 6, 12].includes(amount)));
  if (!ok) throw invalidParam('invalid timeframe');
  return { unit, amount };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A start/end parameter: RFC-3339 (fractions allowed) or a date. A date means New York midnight for `start`
 * and the end of that New York day for `end`. Undefined when absent.
 */
export function parseTime(name: 'start' | 'end', value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  let ts = NaN;
  if (DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    ts = name === 'start' ? nyEpoch(value) : nyEpoch(addDays(value, 1)) - 1;
  } else if (RFC3339.test(value)) {
    ts = Date.parse(value.toUpperCase());
  }
  if (Number.isNaN(ts)) throw invalidParam(`invalid ${name}: ${value}`);
  return ts;
}

export function parseLimit(value: string | null): number {
  if (value === null || value === '') return 1000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidParam(`invalid limit: ${value}`);
  return n;
}

const ADJUSTMENTS: readonly SimAdjustment[] = ['raw', 'split', 'dividend', 'all'];

/** `adjustment`: raw (default), split, dividend or all. */
export function parseAdjustment(value: string | null): SimAdjustment {
  if (value === null || value === '') return 'raw';
  const found = ADJUSTMENTS.find((a) => a === value.toLowerCase());
  if (found === undefined) throw invalidParam(`invalid adjustment: ${value}`);
  return found;
}

export function parseSort(value: string | null): 'asc' | 'desc' {
  if (value === null || value === '' || value === 'asc') return 'asc';
  if (value === 'desc') return 'desc';
  throw invalidParam(`invalid sort: ${value}`);
}

/** The `symbols` parameter (comma-separated, possibly repeated), upper-cased, de-duplicated, in request order. */
export function parseSymbols(url: URL): string[] {
  const symbols = url.searchParams
    .getAll('symbols')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  if (symbols.length === 0) throw invalidParam('symbols is required');
  return [...new Set(symbols)];
}

export interface PageCursor {
  readonly symbol: string;
  readonly t: number;
  /** The trade id at t (trades and quotes: several share a millisecond). */
  readonly i?: number;
}

export function encodePageToken(cursor: PageCursor): string {
  const raw =
    cursor.i === undefined
      ? { s: cursor.symbol, t: cursor.t }
      : { s: cursor.symbol, t: cursor.t, i: cursor.i };
  return Buffer.from(JSON.stringify(raw)).toString('base64url');
}

export function decodePageToken(value: string | null): PageCursor | undefined {
  if (value === null || value === '') return undefined;
  try {
    const raw: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof raw === 'object' && raw !== null && 's' in raw && 't' in raw) {
      const { s, t } = raw;
      const i = 'i' in raw ? raw.i : undefined;
      if (typeof s === 'string' && typeof t === 'number' && Number.isFinite(t)) {
        if (typeof i === 'number' && Number.isFinite(i)) return { symbol: s, t, i };
        if (i === undefined) return { symbol: s, t };
      }
    }
  } catch {
    // Falls through to the error below.
  }
  throw invalidParam('invalid page_token');
}
