/**
 * @module Auctions: `/v2/stocks/auctions` and `/v2/stocks/{symbol}/auctions`. Each session of the synthetic market
 * opens with an opening cross at its first minute's open and closes with a closing cross at its last minute's
 * close, printed on the listing exchange: `O`/`Q` (opening print, official open), `6`/`M` (closing print, official
 * close). A day's auctions appear once they happened (the closing one after the close).
 */
import type { Session, SimBar } from '../../contracts.ts';
import { nyDateOf, nyEpoch } from '../../market/ny-time.ts';
import { CURRENCY, checkCurrency, needListed, type DataCtx } from './data-context.ts';
import {
  decodePageToken,
  encodePageToken,
  invalidParam,
  parseLimit,
  parseSort,
  parseSymbols,
  parseTime,
} from './params.ts';
import { listingExchangeCode, rfc3339 } from './wire.ts';

interface DailyAuctions {
  readonly d: string;
  readonly o: readonly Record<string, unknown>[];
  readonly c: readonly Record<string, unknown>[];
}

function auctionsOf(
  ctx: DataCtx,
  symbol: string,
  session: Session,
  minutes: readonly SimBar[],
): DailyAuctions {
  const x = listingExchangeCode(ctx.listed.get(symbol));
  const first = minutes[0];
  const last = minutes[minutes.length - 1];
  const opened =
    first === undefined
      ? []
      : [
          {
            t: rfc3339(session.tsOpen),
            x,
            p: first.o,
            s: Math.max(1, Math.round(first.v * 0.3)),
            c: 'O',
          },
          { t: rfc3339(session.tsOpen), x, p: first.o, c: 'Q' },
        ];
  const closed =
    last === undefined || ctx.now < session.tsClose
      ? []
      : [
          {
            t: rfc3339(session.tsClose),
            x,
            p: last.c,
            s: Math.max(1, Math.round(last.v * 0.3)),
            c: '6',
          },
          { t: rfc3339(session.tsClose), x, p: last.c, c: 'M' },
        ];
  return { d: session.date, o: opened, c: closed };
}

function auctionsBody(
  ctx: DataCtx,
  symbols: readonly string[],
): { map: Record<string, DailyAuctions[]>; next: string | null } {
  const { query, now } = ctx;
  checkCurrency(ctx);
  const tsStart = parseTime('start', query.get('start')) ?? nyEpoch(nyDateOf(now));
  const tsEnd = Math.min(parseTime('end', query.get('end')) ?? now, now);
  const limit = parseLimit(query.get('limit'));
  const sort = parseSort(query.get('sort'));
  const cursor = decodePageToken(query.get('page_token'));
  if (cursor && !symbols.includes(cursor.symbol)) throw invalidParam('invalid page_token');
  const cal = ctx.deps.market.calendar;
  const sessions =
    tsEnd < tsStart
      ? []
      : cal
          .sessionsBetween(nyDateOf(tsStart), nyDateOf(tsEnd))
          .filter((s) => s.tsOpen >= tsStart && s.tsOpen <= tsEnd);
  if (sort === 'desc') sessions.reverse();
  const map: Record<string, DailyAuctions[]> = {};
  let count = 0;
  const ordered = [...symbols].sort();
  for (
    let i = cursor ? Math.max(0, ordered.indexOf(cursor.symbol)) : 0;
    i < ordered.length;
    i += 1
  ) {
    const symbol = ordered[i] ?? '';
    for (const session of sessions) {
      if (
        cursor?.symbol === symbol &&
        (sort === 'asc' ? session.tsOpen < cursor.t : session.tsOpen > cursor.t)
      )
        continue;
      if (count === limit) return { map, next: encodePageToken({ symbol, t: session.tsOpen }) };
      (map[symbol] ??= []).push(
        auctionsOf(ctx, symbol, session, ctx.deps.market.minuteBars(symbol, session.date)),
      );
      count += 1;
    }
  }
  return { map, next: null };
}

export function multiAuctions(ctx: DataCtx): unknown {
  const { map, next } = auctionsBody(
    ctx,
    parseSymbols(ctx.url).filter((s) => ctx.listed.has(s)),
  );
  return { auctions: map, next_page_token: next, currency: CURRENCY };
}

export function singleAuctions(ctx: DataCtx, symbol: string): unknown {
  needListed(ctx, symbol);
  const { map, next } = auctionsBody(ctx, [symbol]);
  return { symbol, auctions: map[symbol] ?? [], next_page_token: next, currency: CURRENCY };
}
