/**
 * @module `GET /v2/corporate_actions/announcements` and `/announcements/{id}`: the synthetic market's splits and cash
 * dividends of the listed symbols, once declared (no announcement before its declaration date). `ca_types`,
 * `since` and `until` (at most 90 days apart) are required; `date_type` picks the date they apply to (declaration
 * by default).
 */
import type { SimCorporateAction } from '../contracts.ts';
import { addDays, nyDate, readDateParam } from './new-york-time.ts';
import { invalid, notFound } from './http-error.ts';
import { toDecimal } from './decimal.ts';
import { syntheticCusip } from './asset-book.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

const MAX_RANGE_DAYS = 90;
const KNOWN_TYPES = new Set(['dividend', 'merger', 'spinoff', 'split']);
const DATE_TYPES = {
  declaration_date: 'declarationDate',
  ex_date: 'exDate',
  record_date: 'recordDate',
  payable_date: 'payableDate',
} as const;
const isDateType = (x: string): x is keyof typeof DATE_TYPES => Object.hasOwn(DATE_TYPES, x);
/** How far around the queried range an action's ex-date may lie for one of its other dates to fall inside it. */
const EX_DATE_MARGIN_DAYS = 60;

export function announcementJson(a: SimCorporateAction): Record<string, string> {
  const cusip = syntheticCusip(a.symbol);
  return {
    id: a.id,
    corporate_action_id: `${cusip}_${a.exDate.replaceAll('-', '')}`,
    ca_type: a.kind,
    ca_sub_type: a.kind === 'dividend' ? 'cash' : 'stock_split',
    initiating_symbol: a.symbol,
    initiating_original_cusip: cusip,
    target_symbol: a.symbol,
    target_original_cusip: cusip,
    declaration_date: a.declarationDate,
    ex_date: a.exDate,
    record_date: a.recordDate,
    payable_date: a.payableDate,
    cash: toDecimal(a.cash),
    old_rate: '1',
    new_rate: toDecimal(a.ratio),
  };
}

/** Declared actions of the listed symbols with an ex-date in [from, to] (New York dates). */
export function declaredActions(
  deps: TradingDeps,
  from: string,
  to: string,
  symbols?: readonly string[],
): SimCorporateAction[] {
  const today = nyDate(deps.exchange.now());
  const list = symbols ?? deps.market.symbols.map((s) => s.symbol);
  return list
    .flatMap((s) => deps.market.corporateActions(s, from, to))
    .filter((a) => a.declarationDate <= today);
}

function list(req: RestRequest, deps: TradingDeps): RestResult {
  const rawTypes = req.query.get('ca_types');
  if (!rawTypes) throw invalid('ca_types is required');
  const types = rawTypes
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const t of types)
    if (!KNOWN_TYPES.has(t))
      throw invalid(`invalid ca_types: ${t} (expected Dividend, Merger, Spinoff or Split)`);
  const since = readDateParam(req.query.get('since'));
  const until = readDateParam(req.query.get('until'));
  if (!since || !until) throw invalid('since and until are required: YYYY-MM-DD');
  if (until < since || addDays(since, MAX_RANGE_DAYS) < until)
    throw invalid(`until must be on or after since, within ${MAX_RANGE_DAYS} days`);
  const dateType = req.query.get('date_type') ?? 'declaration_date';
  if (!isDateType(dateType))
    throw invalid(
      'invalid date_type: expected declaration_date, ex_date, record_date or payable_date',
    );
  const field = DATE_TYPES[dateType];
  const symbol = req.query.get('symbol')?.toUpperCase();
  const cusip = req.query.get('cusip');
  const symbols = deps.market.symbols
    .map((s) => s.symbol)
    .filter((s) => (!symbol || s === symbol) && (!cusip || syntheticCusip(s) === cusip));
  const actions = declaredActions(
    deps,
    addDays(since, -EX_DATE_MARGIN_DAYS),
    addDays(until, EX_DATE_MARGIN_DAYS),
    symbols,
  );
  return ok(
    actions
      .filter((a) => types.includes(a.kind) && a[field] >= since && a[field] <= until)
      .sort((a, b) => a[field].localeCompare(b[field]) || a.symbol.localeCompare(b.symbol))
      .map(announcementJson),
  );
}

function one(deps: TradingDeps, id: string): RestResult {
  const today = nyDate(deps.exchange.now());
  const found = declaredActions(deps, '2010-01-01', addDays(today, 2 * EX_DATE_MARGIN_DAYS)).find(
    (a) => a.id === id,
  );
  if (!found) throw notFound('corporate action announcement not found');
  return ok(announcementJson(found));
}

export function announcementRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.method !== 'GET') return undefined;
  if (req.path === '/v2/corporate_actions/announcements') return list(req, deps);
  const m = /^\/v2\/corporate_actions\/announcements\/([^/]+)$/.exec(req.path);
  return m?.[1] === undefined ? undefined : one(deps, decodeURIComponent(m[1]));
}
