/**
 * @module Daily bars for the scan through the Broker port (the adapter follows pagination and keeps to the rate
 * budget), adjusted for splits and dividends, cached per symbol and updated incrementally: the request starts at the
 * cached last bar, whose fresh copy shows whether the broker restated the history since (then the symbol is fetched
 * again in full). A cache is rewritten only when a bar was added.
 * Bars of a session that has not closed yet are never kept (an in-progress daily bar would be wrong tomorrow).
 * A failed batch marks its symbols as failed and the scan goes on; an authentication failure stops it.
 */
import type { Bar } from '../../domain/account.ts';
import { BrokerError } from '../../domain/broker-error.ts';
import { nyToEpoch } from '../../domain/time/ny-time.ts';
import type { BarAdjustment, Broker } from '../../domain/ports.ts';
import { dayNumber } from '../series.ts';
import { barAt, barsFromColumns, columnsFromBars, filterColumns, sessionDayOf, type BarColumns } from './bar-columns.ts';
import { readCacheColumns, writeCacheColumns, type CachedColumns } from './bar-cache.ts';

export interface FetchOptions {
  readonly cacheDir: string;
  /** The first session date wanted (history start). */
  readonly fromDate: string;
  /** Bars are requested up to this instant (the broker's clock). */
  readonly tsEnd: number;
  /** The latest session whose close has passed: later bars are dropped. */
  readonly closedThrough: string;
  /** false (--no-cache): ignore the cache and fetch the whole history again (the cache is still rewritten). */
  readonly useCache: boolean;
  readonly batchSize?: number;
  readonly onBatch?: (symbolsDone: number, symbolsTotal: number) => void;
}

/** Bars per symbol as columns (the scan's form: no object per bar). */
export interface FetchedColumns {
  /** Bars per symbol from fromDate through closedThrough, oldest first. */
  readonly bars: ReadonlyMap<string, BarColumns>;
  /** Symbols whose fetch failed, with the broker's message. */
  readonly failed: ReadonlyMap<string, string>;
  readonly barsFetched: number;
  readonly requests: number;
  /** Symbols whose adjusted history the broker restated since the cache was written (a split or dividend), fetched again in full. */
  readonly restated: readonly string[];
}

/** The same with a Bar per session. */
export interface FetchResult extends Omit<FetchedColumns, 'bars'> {
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
}

/** The scan backtests on history adjusted for splits and dividends (a split is not a crash, a dividend not a gap). */
export const SCAN_ADJUSTMENT: BarAdjustment = 'all';

interface Plan {
  readonly symbol: string;
  readonly cached: CachedColumns | undefined;
  readonly tsStart: number;
}

function planFor(symbol: string, o: FetchOptions): Plan {
  const cached = o.useCache ? readCacheColumns(o.cacheDir, symbol) : undefined;
  const usable = cached !== undefined && cached.from <= o.fromDate && cached.adjustment === SCAN_ADJUSTMENT ? cached : undefined;
  const n = usable?.columns.length ?? 0;
  // The cached last bar is asked again: the broker's copy of it tells whether the adjusted history was restated.
  return { symbol, cached: usable, tsStart: usable === undefined || n === 0 ? nyToEpoch(o.fromDate) : (usable.columns.ts[n - 1] as number) };
}

const sameBar = (a: Bar, b: Bar): boolean =>
  a.ts === b.ts && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

const lastCached = (plan: Plan): Bar | undefined => {
  const c = plan.cached?.columns;
  return c === undefined || c.length === 0 ? undefined : barAt(c, c.length - 1);
};

/**
 * Adjusted history is restated as of each request: a split or dividend after the cached last bar changes that
 * bar's prices at the broker. Then the whole cache is stale and the symbol is fetched again in full.
 */
function restated(plan: Plan, fresh: readonly Bar[]): boolean {
  const last = lastCached(plan);
  if (last === undefined) return false;
  const again = fresh.find((b) => b.ts === last.ts);
  return again === undefined ? fresh.length > 0 : !sameBar(again, last);
}

const EMPTY: readonly Bar[] = [];

/** The cached bars plus the new closed sessions; the cache file is rewritten only when a bar was added. */
function merge(plan: Plan, fresh: readonly Bar[], o: FetchOptions): { readonly bars: BarColumns; readonly added: number } {
  const cached = plan.cached?.columns;
  const lastTs = lastCached(plan)?.ts ?? -Infinity;
  const closedDay = dayNumber(o.closedThrough);
  const added = fresh.filter((b) => b.ts > lastTs && sessionDayOf(b.ts) <= closedDay).sort((a, b) => a.ts - b.ts);
  const all =
    added.length === 0 && cached !== undefined
      ? cached
      : columnsFromBars([...(cached === undefined ? EMPTY : barsFromColumns(cached)), ...added].filter((b, i, arr) => i === 0 || b.ts !== (arr[i - 1] as Bar).ts));
  if (added.length > 0 || plan.cached === undefined) {
    writeCacheColumns(o.cacheDir, { symbol: plan.symbol, from: plan.cached?.from ?? o.fromDate, adjustment: SCAN_ADJUSTMENT, columns: all });
  }
  const fromDay = dayNumber(o.fromDate);
  const inWindow = (i: number): boolean => {
    const day = sessionDayOf(all.ts[i] as number);
    return day >= fromDay && day <= closedDay;
  };
  return { bars: filterColumns(all, inWindow), added: added.length };
}

interface Tally {
  barsFetched: number;
  requests: number;
}

/** Fetches one round of plans in batches of symbols sharing a start; returns the plans whose history was restated. */
async function fetchRound(broker: Broker, plans: readonly Plan[], o: FetchOptions, out: FetchMaps, tally: Tally, progress: () => void): Promise<Plan[]> {
  const groups = new Map<number, Plan[]>();
  for (const p of plans) groups.set(p.tsStart, [...(groups.get(p.tsStart) ?? []), p]);
  const size = o.batchSize ?? 100;
  const again: Plan[] = [];
  for (const [tsStart, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    for (let k = 0; k < group.length; k += size) {
      const batch = group.slice(k, k + size);
      try {
        const fresh = tsStart > o.tsEnd ? {} : await broker.getBars(batch.map((p) => p.symbol), '1Day', tsStart, o.tsEnd, SCAN_ADJUSTMENT);
        tally.requests += 1;
        for (const p of batch) {
          const got = fresh[p.symbol] ?? [];
          if (restated(p, got)) {
            again.push({ symbol: p.symbol, cached: undefined, tsStart: nyToEpoch(o.fromDate) });
            continue;
          }
          const merged = merge(p, got, o);
          tally.barsFetched += merged.added;
          out.bars.set(p.symbol, merged.bars);
        }
      } catch (e) {
        if (e instanceof BrokerError && e.kind === 'auth') throw e;
        for (const p of batch) out.failed.set(p.symbol, `fetch failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      progress();
    }
  }
  return again;
}

interface FetchMaps {
  readonly bars: Map<string, BarColumns>;
  readonly failed: Map<string, string>;
}

export async function fetchDailyColumns(broker: Broker, symbols: readonly string[], o: FetchOptions): Promise<FetchedColumns> {
  const plans = symbols.map((s) => planFor(s, o));
  const out: FetchMaps = { bars: new Map(), failed: new Map() };
  const tally: Tally = { barsFetched: 0, requests: 0 };
  const report = (): void => o.onBatch?.(out.bars.size + out.failed.size, plans.length);
  const again = await fetchRound(broker, plans, o, out, tally, report);
  if (again.length > 0) await fetchRound(broker, again, o, out, tally, report);
  return { bars: out.bars, failed: out.failed, barsFetched: tally.barsFetched, requests: tally.requests, restated: again.map((p) => p.symbol) };
}

export async function fetchDailyBars(broker: Broker, symbols: readonly string[], o: FetchOptions): Promise<FetchResult> {
  const fetched = await fetchDailyColumns(broker, symbols, o);
  return { ...fetched, bars: new Map([...fetched.bars].map(([symbol, columns]) => [symbol, barsFromColumns(columns)])) };
}
