/**
 * @module Daily bars for the scan through the Broker port (the adapter follows pagination and keeps to the rate
 * budget), cached per symbol and updated incrementally: only bars after the cached last bar are requested.
 * Bars of a session that has not closed yet are never kept (an in-progress daily bar would be wrong tomorrow).
 * A failed batch marks its symbols as failed and the scan goes on; an authentication failure stops it.
 */
import type { Bar } from '../../domain/account.ts';
import { BrokerError } from '../../domain/broker-error.ts';
import { nyToEpoch } from '../../domain/time/ny-time.ts';
import type { Broker } from '../../domain/ports.ts';
import { barDate } from './bar-date.ts';
import { readCache, writeCache, type CachedBars } from './bar-cache.ts';

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

export interface FetchResult {
  /** Bars per symbol from fromDate through closedThrough, oldest first. */
  readonly bars: ReadonlyMap<string, readonly Bar[]>;
  /** Symbols whose fetch failed, with the broker's message. */
  readonly failed: ReadonlyMap<string, string>;
  readonly barsFetched: number;
  readonly requests: number;
}

interface Plan {
  readonly symbol: string;
  readonly cached: CachedBars | undefined;
  readonly tsStart: number;
}

function planFor(symbol: string, o: FetchOptions): Plan {
  const cached = o.useCache ? readCache(o.cacheDir, symbol) : undefined;
  const usable = cached !== undefined && cached.from <= o.fromDate ? cached : undefined;
  const last = usable?.bars[usable.bars.length - 1];
  return { symbol, cached: usable, tsStart: last === undefined ? nyToEpoch(o.fromDate) : last.ts + 1 };
}

function merge(plan: Plan, fresh: readonly Bar[], o: FetchOptions): Bar[] {
  const lastTs = plan.cached?.bars[plan.cached.bars.length - 1]?.ts ?? -Infinity;
  const added = fresh.filter((b) => b.ts > lastTs && barDate(b) <= o.closedThrough).sort((a, b) => a.ts - b.ts);
  const all = [...(plan.cached?.bars ?? []), ...added].filter((b, i, arr) => i === 0 || b.ts !== (arr[i - 1] as Bar).ts);
  writeCache(o.cacheDir, { symbol: plan.symbol, from: plan.cached?.from ?? o.fromDate, bars: all });
  return all.filter((b) => barDate(b) >= o.fromDate && barDate(b) <= o.closedThrough);
}

export async function fetchDailyBars(broker: Broker, symbols: readonly string[], o: FetchOptions): Promise<FetchResult> {
  const plans = symbols.map((s) => planFor(s, o));
  const groups = new Map<number, Plan[]>();
  for (const p of plans) groups.set(p.tsStart, [...(groups.get(p.tsStart) ?? []), p]);
  const bars = new Map<string, Bar[]>();
  const failed = new Map<string, string>();
  const size = o.batchSize ?? 100;
  let done = 0;
  let barsFetched = 0;
  let requests = 0;
  for (const [tsStart, group] of [...groups].sort((a, b) => a[0] - b[0])) {
    for (let k = 0; k < group.length; k += size) {
      const batch = group.slice(k, k + size);
      try {
        const fresh = tsStart > o.tsEnd ? {} : await broker.getBars(batch.map((p) => p.symbol), '1Day', tsStart, o.tsEnd);
        requests += 1;
        for (const p of batch) {
          const got = fresh[p.symbol] ?? [];
          barsFetched += got.length;
          bars.set(p.symbol, merge(p, got, o));
        }
      } catch (e) {
        if (e instanceof BrokerError && e.kind === 'auth') throw e;
        for (const p of batch) failed.set(p.symbol, `fetch failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      done += batch.length;
      o.onBatch?.(done, plans.length);
    }
  }
  return { bars, failed, barsFetched, requests };
}
