/**
 * @module Historical trades and quotes: `/v2/stocks/trades`, `/v2/stocks/quotes` and their single-symbol forms.
 * Trades are the market's own prints plus the injected ones (same ids as on the stream); quotes are the NBBO each
 * print set. Start defaults to the beginning of the current New York day, end to now (never later).
 */
import type { SimPrint, SimQuote } from '../../contracts.ts';
import { nyDateOf, nyEpoch } from '../../market/ny-time.ts';
import { CURRENCY, checkCurrency, needListed, tapeFor, type DataCtx } from './data-context.ts';
import {
  decodePageToken,
  encodePageToken,
  invalidParam,
  parseLimit,
  parseSort,
  parseSymbols,
  parseTime,
} from './params.ts';
import { queryTicks, type Tick } from './ticks-query.ts';
import { quoteJson, tradeJson } from './wire.ts';

type Kind = 'trades' | 'quotes';
type QuoteTick = SimQuote & { readonly id: number };
type Item = (SimPrint | QuoteTick) & Tick;

function ticksOf(ctx: DataCtx, kind: Kind): (symbol: string, from: number, to: number) => Item[] {
  const { exchange } = ctx.deps;
  if (kind === 'trades') return (symbol, from, to) => exchange.tradesBetween(symbol, from, to);
  return (symbol, from, to) => exchange.quotesBetween(symbol, from, to);
}

function ticksBody(
  ctx: DataCtx,
  kind: Kind,
  symbols: readonly string[],
): { map: Record<string, unknown[]>; next: string | null } {
  const { query, now } = ctx;
  checkCurrency(ctx);
  const tsStart = parseTime('start', query.get('start')) ?? nyEpoch(nyDateOf(now));
  const tsEnd = Math.min(parseTime('end', query.get('end')) ?? now, now);
  if (tsEnd < tsStart && query.get('end') !== null)
    throw invalidParam('end should not be before start');
  const cursor = decodePageToken(query.get('page_token'));
  if (cursor && !symbols.includes(cursor.symbol)) throw invalidParam('invalid page_token');
  const page = queryTicks(ticksOf(ctx, kind), {
    symbols,
    tsStart,
    tsEnd,
    limit: parseLimit(query.get('limit')),
    sort: parseSort(query.get('sort')),
    cursor,
  });
  const map: Record<string, unknown[]> = {};
  for (const [symbol, list] of page.ticks) {
    const tape = tapeFor(ctx, symbol);
    map[symbol] = list.map((x) => ('price' in x ? tradeJson(x, tape) : quoteJson(x, tape)));
  }
  return { map, next: page.next ? encodePageToken(page.next) : null };
}

export function multiTicks(ctx: DataCtx, kind: Kind): unknown {
  const { map, next } = ticksBody(
    ctx,
    kind,
    parseSymbols(ctx.url).filter((s) => ctx.listed.has(s)),
  );
  return { [kind]: map, next_page_token: next, currency: CURRENCY };
}

export function singleTicks(ctx: DataCtx, kind: Kind, symbol: string): unknown {
  needListed(ctx, symbol);
  const { map, next } = ticksBody(ctx, kind, [symbol]);
  return { symbol, [kind]: map[symbol] ?? [], next_page_token: next, currency: CURRENCY };
}
