/**
 * @module `GET /v1/corporate-actions`: the synthetic market's declared splits (`forward_splits`) and cash dividends
 * (`cash_dividends`), by process date (a dividend's payable date, a split's ex-date) within start..end (today by
 * default), sorted by process date, `limit` (100, at most 1000) counted across types, offset page tokens.
 */
import type { SimCorporateAction } from '../../contracts.ts';
import { addDays, nyDateOf } from '../../market/ny-time.ts';
import { syntheticCusip } from '../asset-book.ts';
import type { DataCtx } from './data-context.ts';
import { invalidParam } from './params.ts';

const TYPES = ['forward_split', 'cash_dividend'] as const;
const ALL_TYPES = new Set([
  'reverse_split',
  'forward_split',
  'unit_split',
  'cash_dividend',
  'stock_dividend',
  'spin_off',
  'cash_merger',
  'stock_merger',
  'stock_and_cash_merger',
  'redemption',
  'name_change',
  'worthless_removal',
  'rights_distribution',
]);
/** A dividend's process (payable) date comes after its ex-date: look that far around the range. */
const MARGIN_DAYS = 30;

const processDate = (a: SimCorporateAction): string =>
  a.kind === 'dividend' ? a.payableDate : a.exDate;

function itemJson(a: SimCorporateAction): Record<string, unknown> {
  const common = {
    id: a.id,
    symbol: a.symbol,
    cusip: syntheticCusip(a.symbol),
    process_date: processDate(a),
    ex_date: a.exDate,
    record_date: a.recordDate,
    payable_date: a.payableDate,
  };
  return a.kind === 'dividend'
    ? { ...common, rate: a.cash, special: false, foreign: false }
    : { ...common, new_rate: a.ratio, old_rate: 1 };
}

function list(ctx: DataCtx, name: string): string[] {
  return (ctx.query.get(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function offsetOf(token: string | null): number {
  if (token === null || token === '') return 0;
  const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw invalidParam('invalid page_token');
  return n;
}

export function corporateActions(ctx: DataCtx): unknown {
  const today = nyDateOf(ctx.now);
  const types = list(ctx, 'types');
  for (const t of types) if (!ALL_TYPES.has(t)) throw invalidParam(`invalid type: ${t}`);
  const ids = list(ctx, 'ids');
  if (ids.length > 0 && ['symbols', 'types', 'start', 'end'].some((p) => ctx.query.get(p) !== null))
    throw invalidParam('ids cannot be combined with symbols, types, start or end');
  const start = ids.length > 0 ? '2010-01-01' : (ctx.query.get('start') ?? today);
  const end = ids.length > 0 ? addDays(today, 2 * MARGIN_DAYS) : (ctx.query.get('end') ?? today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end))
    throw invalidParam('start and end are dates: YYYY-MM-DD');
  const limitRaw = ctx.query.get('limit');
  const limit = limitRaw === null ? 100 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw invalidParam(`invalid limit: ${limitRaw ?? ''}`);
  const sort = ctx.query.get('sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') throw invalidParam(`invalid sort: ${sort}`);
  const cusips = new Set(list(ctx, 'cusips'));
  const symbols = list(ctx, 'symbols').map((s) => s.toUpperCase());
  const wanted = (a: SimCorporateAction): boolean =>
    (types.length === 0 ||
      types.includes(a.kind === 'dividend' ? 'cash_dividend' : 'forward_split')) &&
    (ids.length === 0 || ids.includes(a.id)) &&
    (cusips.size === 0 || cusips.has(syntheticCusip(a.symbol))) &&
    processDate(a) >= start &&
    processDate(a) <= end &&
    a.declarationDate <= today;
  const pool =
    symbols.length > 0 ? symbols.filter((s) => ctx.listed.has(s)) : [...ctx.listed.keys()];
  const all = pool
    .flatMap((s) =>
      ctx.deps.market.corporateActions(s, addDays(start, -MARGIN_DAYS), addDays(end, MARGIN_DAYS)),
    )
    .filter(wanted)
    .sort(
      (a, b) =>
        processDate(a).localeCompare(processDate(b)) ||
        a.symbol.localeCompare(b.symbol) ||
        a.kind.localeCompare(b.kind),
    );
  if (sort === 'desc') all.reverse();
  const offset = offsetOf(ctx.query.get('page_token'));
  const page = all.slice(offset, offset + limit);
  const grouped: Record<string, unknown[]> = {};
  for (const type of TYPES) {
    const items = page
      .filter((a) => (a.kind === 'dividend' ? 'cash_dividend' : 'forward_split') === type)
      .map(itemJson);
    if (items.length > 0)
      grouped[type === 'cash_dividend' ? 'cash_dividends' : 'forward_splits'] = items;
  }
  const next =
    offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64url') : null;
  return { corporate_actions: grouped, next_page_token: next };
}
