/**
 * @module `GET /v1beta1/news`: the synthetic stories (news.ts) of the requested listed symbols (all by default), only
 * those published by now, between start (the beginning of the current New York day by default) and end, newest
 * first unless sort=asc, `limit` 10 by default (at most 50), page tokens on (time, id). Every story has content.
 */
import { nyDateOf, nyEpoch } from '../../market/ny-time.ts';
import { rfc3339 } from '../new-york-time.ts';
import { type DataCtx } from './data-context.ts';
import { newsOf, type NewsItem } from './news.ts';
import { decodePageToken, encodePageToken, invalidParam, parseTime } from './params.ts';

function limitOf(raw: string | null): number {
  if (raw === null || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    throw invalidParam(`invalid limit: ${raw} (1 to 50)`);
  return n;
}

const itemJson = (n: NewsItem): Record<string, unknown> => ({
  id: n.id,
  headline: n.headline,
  author: 'strikeline-sim',
  created_at: rfc3339(n.ts),
  updated_at: rfc3339(n.ts),
  summary: n.summary,
  content: n.content,
  url: null,
  images: [],
  symbols: [n.symbol],
  source: 'strikeline-sim',
});

export function news(ctx: DataCtx): unknown {
  const { query, now } = ctx;
  const start = parseTime('start', query.get('start')) ?? nyEpoch(nyDateOf(now));
  const end = Math.min(parseTime('end', query.get('end')) ?? now, now);
  const sort = query.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw invalidParam(`invalid sort: ${sort}`);
  const limit = limitOf(query.get('limit'));
  const requested = (query.get('symbols') ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const listed = [...ctx.listed.keys()];
  const symbols = requested.length > 0 ? requested.filter((s) => ctx.listed.has(s)) : listed;
  const cursor = decodePageToken(query.get('page_token'));
  const items =
    end < start
      ? []
      : symbols
          .flatMap((s) =>
            newsOf(ctx.deps.market, s, listed.indexOf(s), nyDateOf(start), nyDateOf(end)),
          )
          .filter((n) => n.ts >= start && n.ts <= end)
          .sort((a, b) => a.ts - b.ts || a.id - b.id);
  if (sort === 'desc') items.reverse();
  const after =
    cursor === undefined
      ? items
      : items.filter((n) =>
          sort === 'asc'
            ? n.ts > cursor.t || (n.ts === cursor.t && n.id >= (cursor.i ?? 0))
            : n.ts < cursor.t || (n.ts === cursor.t && n.id <= (cursor.i ?? Infinity)),
        );
  const page = after.slice(0, limit);
  const next = after[limit];
  return {
    news: page.map(itemJson),
    next_page_token:
      next === undefined ? null : encodePageToken({ symbol: '', t: next.ts, i: next.id }),
  };
}
