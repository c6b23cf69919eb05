/** @module Bars: `/v2/stocks/bars`, `/v2/stocks/{symbol}/bars` (history with pagination) and their `/latest` forms. */
import { nyDateOf, nyEpoch } from '../../market/ny-time.ts';
import { queryBars } from './bars-query.ts';
import { CURRENCY, checkCurrency, needListed, type DataCtx } from './data-context.ts';
import {
  decodePageToken,
  encodePageToken,
  invalidParam,
  parseAdjustment,
  parseLimit,
  parseSort,
  parseSymbols,
  parseTime,
  parseTimeframe,
} from './params.ts';
import { latestBars } from './snapshot.ts';
import { barJson } from './wire.ts';

function barsBody(ctx: DataCtx, symbols: readonly string[]) {
  const { query, now } = ctx;
  checkCurrency(ctx);
  const timeframe = parseTimeframe(query.get('timeframe'));
  const tsStart = parseTime('start', query.get('start')) ?? nyEpoch(nyDateOf(now));
  const end = parseTime('end', query.get('end')) ?? now;
  if (end < tsStart) throw invalidParam('end should not be before start');
  const cursor = decodePageToken(query.get('page_token'));
  if (cursor && !symbols.includes(cursor.symbol)) throw invalidParam('invalid page_token');
  const page = queryBars(ctx.deps.market, {
    symbols,
    timeframe,
    tsStart,
    tsEnd: end + 1,
    tsNow: now,
    limit: parseLimit(query.get('limit')),
    sort: parseSort(query.get('sort')),
    cursor,
    adjustment: parseAdjustment(query.get('adjustment')),
  });
  const bars: Record<string, unknown[]> = {};
  for (const [symbol, list] of page.bars) bars[symbol] = list.map(barJson);
  return {
    bars,
    next_page_token: page.next ? encodePageToken(page.next) : null,
    currency: CURRENCY,
  };
}

export function multiBars(ctx: DataCtx): unknown {
  return barsBody(
    ctx,
    parseSymbols(ctx.url).filter((s) => ctx.listed.has(s)),
  );
}

export function singleBars(ctx: DataCtx, symbol: string): unknown {
  needListed(ctx, symbol);
  const { bars, next_page_token, currency } = barsBody(ctx, [symbol]);
  return { symbol, bars: bars[symbol] ?? [], next_page_token, currency };
}

const latestMinuteBar = (ctx: DataCtx, symbol: string) => {
  const bar = latestBars(ctx.deps.market, symbol, ctx.now).minuteBar;
  return bar ? barJson(bar) : null;
};

export function multiLatestBars(ctx: DataCtx): unknown {
  checkCurrency(ctx);
  const bars: Record<string, unknown> = {};
  for (const symbol of parseSymbols(ctx.url)) {
    const bar = ctx.listed.has(symbol) ? latestMinuteBar(ctx, symbol) : null;
    if (bar) bars[symbol] = bar;
  }
  return { bars, currency: CURRENCY };
}

export function singleLatestBar(ctx: DataCtx, symbol: string): unknown {
  needListed(ctx, symbol);
  checkCurrency(ctx);
  return { symbol, bar: latestMinuteBar(ctx, symbol), currency: CURRENCY };
}
