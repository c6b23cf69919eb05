/** @module `GET /v2/orders` query semantics: status, limit, after/until (exclusive, submitted_at), direction, nested, symbols, side. */
import type { SimOrder, SimOrderStatus } from '../contracts.ts';
import { readBoolean } from './decimal.ts';
import { invalid } from './http-error.ts';
import { readTimeParam } from './new-york-time.ts';
import { orderJson, type OrderJson } from './order-json.ts';

const CLOSED: ReadonlySet<SimOrderStatus> = new Set([
  'filled',
  'canceled',
  'expired',
  'replaced',
  'rejected',
]);

export const isOpenStatus = (status: SimOrderStatus): boolean => !CLOSED.has(status);

function timeParam(query: URLSearchParams, name: string): number | undefined {
  const ts = readTimeParam(query.get(name));
  if (ts !== undefined && Number.isNaN(ts))
    throw invalid(`invalid ${name}: expected an RFC-3339 time or a date`);
  return ts;
}

function limitParam(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid('invalid limit: expected a positive integer');
  return Math.min(n, 500);
}

/** Every order once: parents and their legs (the exchange may or may not list legs on their own). */
function flatten(orders: readonly SimOrder[]): SimOrder[] {
  const seen = new Map<string, SimOrder>();
  for (const o of orders) {
    if (!seen.has(o.id)) seen.set(o.id, o);
    for (const leg of o.legs) if (!seen.has(leg.id)) seen.set(leg.id, leg);
  }
  return [...seen.values()];
}

function csv(query: URLSearchParams, name: string): Set<string> | undefined {
  const values = query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return values.length > 0 ? new Set(values.map((v) => v.toUpperCase())) : undefined;
}

export function listOrders(all: readonly SimOrder[], query: URLSearchParams): OrderJson[] {
  // Alpaca accepts exactly these three (docs/alpaca-compatibility.md has the evidence); order statuses such as
  // `canceled` are not filters there either.
  const status = query.get('status') ?? 'open';
  if (!['open', 'closed', 'all'].includes(status))
    throw invalid(`invalid status: ${status} (expected open, closed or all)`);
  const direction = query.get('direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc')
    throw invalid('invalid direction: expected asc or desc');
  const nested = readBoolean(query.get('nested'), 'nested') ?? false;
  const limit = limitParam(query);
  const after = timeParam(query, 'after');
  const until = timeParam(query, 'until');
  const symbols = csv(query, 'symbols');
  const side = query.get('side');
  const flat = flatten(all);
  const byId = new Map(flat.map((o) => [o.id, o]));
  const afterOrder = query.get('after_order_id');
  const beforeOrder = query.get('before_order_id');
  const afterTs = afterOrder === null ? undefined : byId.get(afterOrder)?.submitted_at;
  const beforeTs = beforeOrder === null ? undefined : byId.get(beforeOrder)?.submitted_at;
  const selected = (nested ? flat.filter((o) => o.parent_id === null) : flat).filter(
    (o) =>
      (status === 'all' || (status === 'open') === isOpenStatus(o.status)) &&
      (after === undefined || o.submitted_at > after) &&
      (until === undefined || o.submitted_at < until) &&
      (afterTs === undefined || o.submitted_at > afterTs) &&
      (beforeTs === undefined || o.submitted_at < beforeTs) &&
      (symbols === undefined || symbols.has(o.symbol)) &&
      (side === null || side === '' || o.side === side),
  );
  const sign = direction === 'asc' ? 1 : -1;
  // Stable: equal submission times keep the exchange's (newest first) order, reversed for asc.
  const indexed = selected.map((o, i) => ({ o, i }));
  indexed.sort((a, b) => sign * (a.o.submitted_at - b.o.submitted_at) || sign * (b.i - a.i));
  return indexed.slice(0, limit).map(({ o }) => orderJson(o, nested));
}
