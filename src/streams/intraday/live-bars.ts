/**
 * @module Today's 1-minute bars of the intraday symbols as the daemon sees them: live from the data stream (the
 * same connection as the protection's trades), and from the bars API for what the stream did not deliver: the
 * minutes before the daemon subscribed (a start or restart mid-session) and those of a reconnect. Only closed
 * minutes are handed out; the previous session's last close (the gap's base) is read once a day.
 */
import { EMPTY, catchError, defer, ignoreElements, of, retry, tap, type Observable } from 'rxjs';
import type { Bar, CalendarDay } from '../../domain/account.ts';
import type { Broker, Logger, MarketFeed } from '../../domain/ports.ts';
import type { IntradaySession } from '../../domain/rules/intraday/intraday-session.ts';
import { nyDate } from '../../domain/time/ny-time.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface LiveBars {
  /** The subscription: runs for the daemon's life, feeding the buffer. */
  readonly run$: Observable<never>;
  /** The session so far (closed minutes only), backfilled from the bars API where the stream has a hole. */
  session(
    symbol: string,
    day: CalendarDay,
    previous: CalendarDay | undefined,
    now: number,
  ): Promise<IntradaySession>;
}

interface SymbolBars {
  readonly bars: Map<number, Bar>;
  /** The bars API covers the session up to here (exclusive). */
  restThrough: number;
  day: string;
  prevClose: number | null | undefined;
}

export function liveBars(
  feed: MarketFeed,
  broker: Broker,
  symbols: readonly string[],
  log: Logger,
  now: () => number,
): LiveBars {
  const book = new Map<string, SymbolBars>();
  // The stream delivers every bar since it last (re)connected; null while it is down.
  let liveSince: number | null = null;
  const of_ = (symbol: string, day: string): SymbolBars => {
    const known = book.get(symbol);
    if (known !== undefined && known.day === day) return known;
    const fresh: SymbolBars = { bars: new Map(), restThrough: 0, day, prevClose: undefined };
    book.set(symbol, fresh);
    return fresh;
  };

  const run$ = defer(() => feed.bars$(of(symbols))).pipe(
    tap((e) => {
      if (e.kind === 'FeedResynced') liveSince = now();
      else if (e.kind === 'FeedDown') liveSince = null;
      else if (e.kind === 'MarketBar') {
        of_(e.symbol, nyDate(e.bar.ts)).bars.set(e.bar.ts, e.bar);
      } else log.warn({ reason: e.reason, ...e.frame }, `market bar dropped: ${e.reason}`);
    }),
    retry({ delay: 5_000 }),
    catchError((e: unknown) => {
      log.error(
        { err: e instanceof Error ? e.message : String(e) },
        'intraday bars subscription ended',
      );
      return EMPTY;
    }),
    ignoreElements(),
  );

  const prevCloseOf = async (
    symbol: string,
    previous: CalendarDay | undefined,
  ): Promise<number | null> => {
    if (previous === undefined) return null;
    const bars =
      (await broker.getBars([symbol], '1Min', previous.tsClose - DAY_MS / 24, previous.tsClose))[
        symbol
      ] ?? [];
    const last = bars.filter((b) => b.ts >= previous.tsOpen && b.ts < previous.tsClose).pop();
    return last?.close ?? null;
  };

  return {
    run$,
    async session(symbol, day, previous, at) {
      const s = of_(symbol, day.date);
      const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
      const coveredFrom =
        liveSince === null ? Infinity : Math.max(day.tsOpen, liveSince - MINUTE_MS);
      if (s.restThrough < Math.min(coveredFrom, minute)) {
        const from = Math.max(day.tsOpen, s.restThrough);
        const fetched = (await broker.getBars([symbol], '1Min', from, minute))[symbol] ?? [];
        for (const b of fetched) if (!s.bars.has(b.ts)) s.bars.set(b.ts, b);
        s.restThrough = minute;
      }
      if (s.prevClose === undefined) s.prevClose = await prevCloseOf(symbol, previous);
      const bars = [...s.bars.values()]
        .filter((b) => b.ts >= day.tsOpen && b.ts < day.tsClose && b.ts + MINUTE_MS <= at)
        .sort((a, b) => a.ts - b.ts);
      return {
        date: day.date,
        tsOpen: day.tsOpen,
        tsClose: day.tsClose,
        bars,
        prevClose: s.prevClose,
      };
    },
  };
}
