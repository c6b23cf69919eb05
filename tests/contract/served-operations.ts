/**
 * @module Measures which operations of Alpaca's two specs the simulator serves: each one is called once with
 * placeholder parameters, and it counts as served unless the router answers `404 endpoint not found`.
 */
import type { ContractValidator, HttpMethod, Operations } from './openapi-validator.ts';

/** Placeholder values for the specs' path parameters. */
const PATH_VALUES: Readonly<Record<string, string>> = {
  symbol: 'AAPL',
  symbol_or_asset_id: 'AAPL',
  symbol_or_id: 'AAPL',
  symbol_or_contract_id: 'AAPL',
  underlying_symbol: 'AAPL',
  order_id: '00000000-0000-4000-8000-000000000000',
  watchlist_id: '00000000-0000-4000-8000-000000000000',
  activity_type: 'FILL',
  market: 'NYSE',
  ticktype: 'trade',
  loc: 'us',
  market_type: 'stocks',
  id: 'x',
  transfer_id: 'x',
  whitelisted_address_id: 'x',
  locate_id: 'x',
};

/** The spec path with its `{params}` filled in. */
export const fillPath = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x');

export const opKey = (op: Pick<Operations, 'method' | 'path'>): string =>
  `${op.method.toUpperCase()} ${op.path}`;

export interface ServedProbe {
  readonly served: ReadonlySet<string>;
  readonly paths: ReadonlyMap<string, { readonly spec: string; readonly methods: HttpMethod[] }>;
}

export async function probeServed(
  validator: ContractValidator,
  rest: string,
  headers: Record<string, string>,
): Promise<ServedProbe> {
  const served = new Set<string>();
  const paths = new Map<string, { spec: string; methods: HttpMethod[] }>();
  for (const op of validator.operations()) {
    const entry = paths.get(op.path) ?? { spec: op.spec, methods: [] };
    paths.set(op.path, entry);
    const res = await fetch(`${rest}${fillPath(op.path)}`, {
      method: op.method.toUpperCase(),
      headers,
    });
    const text = await res.text();
    if (res.status === 404 && text.includes('endpoint not found')) continue;
    served.add(opKey(op));
    entry.methods.push(op.method);
  }
  return { served, paths };
}
