/**
 * @module `GET /v2/account/activities` and `/v2/account/activities/{activity_type}`: the exchange's FILL, DIV and SPLIT
 * activities with Alpaca's filters (activity_types or category, date, after/until exclusive, direction) and paging
 * (page_size up to 100, page_token = the id of the last activity of the previous page).
 */
import type { SimActivity } from '../account-contracts.ts';
import { toDecimal } from './decimal.ts';
import { invalid } from './http-error.ts';
import { nyDate, readTimeParam, rfc3339 } from './new-york-time.ts';
import { ok, type RestRequest, type RestResult, type TradingDeps } from './rest-types.ts';

/** Alpaca's activity types (the spec's ActivityType); the simulator produces FILL, DIV and SPLIT. */
const TYPES = new Set([
  'FILL',
  'TRANS',
  'MISC',
  'ACATC',
  'ACATS',
  'CFEE',
  'CGD',
  'CSD',
  'CSW',
  'DIV',
  'DIVCGL',
  'DIVCGS',
  'DIVFEE',
  'DIVFT',
  'DIVNRA',
  'DIVROC',
  'DIVTW',
  'DIVTXEX',
  'FEE',
  'INT',
  'INTNRA',
  'INTTW',
  'JNL',
  'JNLC',
  'JNLS',
  'MA',
  'NC',
  'OPASN',
  'OPCA',
  'OPCSH',
  'OPEXC',
  'OPEXP',
  'OPTRD',
  'PTC',
  'PTR',
  'REORG',
  'SPIN',
  'SPLIT',
  'FOPT',
]);
const TYPE_OF: Readonly<Record<SimActivity['kind'], string>> = {
  fill: 'FILL',
  dividend: 'DIV',
  split: 'SPLIT',
};

export function activityJson(a: SimActivity): Record<string, unknown> {
  switch (a.kind) {
    case 'fill':
      return {
        id: a.id,
        activity_type: 'FILL',
        transaction_time: rfc3339(a.ts),
        type: a.type,
        price: toDecimal(a.price),
        qty: toDecimal(a.qty),
        side: a.side,
        symbol: a.symbol,
        leaves_qty: toDecimal(a.leavesQty),
        order_id: a.orderId,
        cum_qty: toDecimal(a.cumQty),
        order_status: a.orderStatus,
      };
    case 'dividend':
      return {
        id: a.id,
        activity_type: 'DIV',
        activity_sub_type: 'CDIV',
        date: rfc3339(a.ts),
        created_at: rfc3339(a.ts),
        net_amount: toDecimal(a.netAmount),
        symbol: a.symbol,
        qty: toDecimal(a.qty),
        per_share_amount: toDecimal(a.perShare),
        currency: 'USD',
        status: 'executed',
      };
    case 'split':
      return {
        id: a.id,
        activity_type: 'SPLIT',
        date: rfc3339(a.ts),
        created_at: rfc3339(a.ts),
        symbol: a.symbol,
        qty: toDecimal(a.qty),
        per_share_amount: toDecimal(a.ratio),
        net_amount: '0',
        currency: 'USD',
        status: 'executed',
      };
  }
}

function types(req: RestRequest, pathType: string | undefined): Set<string> | undefined {
  const listed =
    pathType === undefined
      ? req.query
          .getAll('activity_types')
          .flatMap((v) => v.split(','))
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean)
      : [pathType.toUpperCase()];
  const category = req.query.get('category');
  if (category !== null && listed.length > 0 && pathType === undefined)
    throw invalid('category cannot be used with activity_types');
  for (const t of listed) if (!TYPES.has(t)) throw invalid(`invalid activity type: ${t}`);
  if (listed.length > 0) return new Set(listed);
  if (category === null) return undefined;
  if (category === 'trade_activity') return new Set(['FILL']);
  if (category === 'non_trade_activity') return new Set([...TYPES].filter((t) => t !== 'FILL'));
  throw invalid('invalid category: expected trade_activity or non_trade_activity');
}

function time(req: RestRequest, name: string): number | undefined {
  const ts = readTimeParam(req.query.get(name));
  if (ts !== undefined && Number.isNaN(ts))
    throw invalid(`invalid ${name}: expected an RFC-3339 time or a date`);
  return ts;
}

function pageSize(req: RestRequest): number {
  const raw = req.query.get('page_size');
  if (raw === null || raw === '') return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw invalid('invalid page_size: expected 1 to 100');
  return n;
}

function list(req: RestRequest, deps: TradingDeps, pathType: string | undefined): RestResult {
  const wanted = types(req, pathType);
  const after = time(req, 'after');
  const until = time(req, 'until');
  const date = req.query.get('date');
  const direction = req.query.get('direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc')
    throw invalid('invalid direction: expected asc or desc');
  const size = pageSize(req);
  let rows = deps.exchange
    .activities()
    .filter(
      (a) =>
        (wanted === undefined || wanted.has(TYPE_OF[a.kind])) &&
        (after === undefined || a.ts > after) &&
        (until === undefined || a.ts < until) &&
        (date === null || nyDate(a.ts) === date.slice(0, 10)),
    );
  if (direction === 'desc') rows = [...rows].reverse();
  const token = req.query.get('page_token');
  if (token !== null && token !== '') {
    const at = rows.findIndex((a) => a.id === token);
    if (at < 0) throw invalid('invalid page_token: not the id of an activity of this query');
    rows = rows.slice(at + 1);
  }
  return ok(rows.slice(0, size).map(activityJson));
}

/** Handles the path if it belongs to this group, else undefined. */
export function activityRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  if (req.method !== 'GET') return undefined;
  if (req.path === '/v2/account/activities') return list(req, deps, undefined);
  const m = /^\/v2\/account\/activities\/([^/]+)$/.exec(req.path);
  return m?.[1] === undefined ? undefined : list(req, deps, decodeURIComponent(m[1]));
}
