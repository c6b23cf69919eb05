/**
 * @module The 1-minute history the intraday backtests use: the last `sessions` closed sessions of the broker's
 * calendar (and the one before, for the first gap), per symbol, cached in data/bars/1Min/ and fetched
 * incrementally (only the bars after the cache's last one). Bars of a session still open are never cached.
 */
import type { Bar, CalendarDay } from '../../domain/account.ts';
import type { Broker } from '../../domain/ports.ts';
import { addDays, nyDate } from '../../domain/time/ny-time.ts';
import { readCache, writeCache } from '../data/bar-cache.ts';

/** Split- and dividend-adjusted minutes, as the daily scan reads its history (a cache of another kind is fetched again). */
const ADJUSTMENT = 'all' as const;

export interface HistoryRequest {
  readonly symbols: readonly string[];
  /** Closed sessions wanted (intraday.history_days). */
  readonly sessions: number;
  /** The broker's clock. */
  readonly now: number;
  readonly cacheDir: string;
  readonly useCache: boolean;
}

export interface History {
  /** The sessions backtested, oldest first, plus the one before them first (its close is the first gap's base). */
  readonly calendar: readonly CalendarDay[];
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  readonly barsFetched: number;
}

/** Calendar days that surely hold `sessions` sessions: a week has five, and no closure ran past four sessions. */
const lookbackDays = (sessions: number): number => Math.ceil(((sessions + 1) * 7) / 5) + 10;

export async function intradayHistory(broker: Broker, r: HistoryRequest): Promise<History> {
  const today = nyDate(r.now);
  const closed = (await broker.getCalendar(addDays(today, -lookbackDays(r.sessions)), today))
    .filter((d) => d.tsClose <= r.now)
    .sort((a, b) => a.tsOpen - b.tsOpen);
  const calendar = closed.slice(-(r.sessions + 1));
  const first = calendar[0];
  const last = calendar[calendar.length - 1];
  if (first === undefined || last === undefined)
    return { calendar, bars: new Map(), barsFetched: 0 };
  const bars = new Map<string, readonly Bar[]>();
  let barsFetched = 0;
  for (const symbol of r.symbols) {
    const cached = r.useCache ? readCache(r.cacheDir, symbol) : undefined;
    const usable =
      cached !== undefined && cached.from <= first.date && cached.adjustment === ADJUSTMENT
        ? cached.bars.filter((b) => b.ts >= first.tsOpen && b.ts < last.tsClose)
        : [];
    const tsFrom =
      usable.length === 0 ? first.tsOpen : (usable[usable.length - 1]?.ts ?? first.tsOpen) + 60_000;
    const fresh =
      tsFrom < last.tsClose
        ? ((await broker.getBars([symbol], '1Min', tsFrom, last.tsClose, ADJUSTMENT))[symbol] ?? [])
        : [];
    barsFetched += fresh.length;
    const all = [...usable, ...fresh.filter((b) => b.ts >= tsFrom && b.ts < last.tsClose)];
    writeCache(r.cacheDir, { symbol, from: first.date, adjustment: ADJUSTMENT, bars: all });
    bars.set(symbol, all);
  }
  return { calendar, bars, barsFetched };
}
