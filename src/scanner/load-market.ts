/**
 * @module The scan's data stage: fetch (cache + incremental) every universe and context symbol, validate each
 * against the broker's calendar, and put the survivors on the session grid. Each refusal becomes a rejection
 * with its reason; a context symbol (SPY, the VIX proxy) that fails only makes its strategies unavailable.
 */
import type { Broker } from '../domain/ports.ts';
import { assembleMarketColumns } from './data/assemble-market.ts';
import { columnsFromBars, type BarColumns } from './data/bar-columns.ts';
import { fetchDailyColumns } from './data/fetch-bars.ts';
import type { ScanRejection } from './data/scan-rejections.ts';
import { validateColumns, withSessionDays } from './data/validate-bars.ts';
import type { MarketData } from './market-data.ts';
import type { Progress } from './output/progress.ts';
import type { ScanWindow } from './scan-window.ts';

export interface LoadOptions {
  readonly cacheDir: string;
  readonly useCache: boolean;
  readonly staleAfterHours: number;
  readonly progress: Progress;
}

export interface LoadedMarket {
  readonly market: MarketData;
  readonly rejected: readonly ScanRejection[];
  readonly barsFetched: number;
  readonly requests: number;
  readonly bars: number;
}

const NO_BARS = columnsFromBars([]);

export async function loadMarket(
  broker: Broker,
  universe: readonly string[],
  context: readonly string[],
  window: ScanWindow,
  o: LoadOptions,
): Promise<LoadedMarket> {
  const wanted = [...new Set([...universe, ...context])];
  o.progress.start('fetching daily bars', wanted.length);
  const fetched = await fetchDailyColumns(broker, wanted, {
    cacheDir: o.cacheDir,
    fromDate: window.fromDate,
    tsEnd: window.tsNow,
    closedThrough: window.closedThrough,
    useCache: o.useCache,
    onBatch: (done) => {
      o.progress.update(done);
    },
  });
  o.progress.stop();
  const rejected: ScanRejection[] = [];
  const valid = new Map<string, BarColumns>();
  const validation = withSessionDays({
    sessions: window.sessions,
    staleAfterHours: o.staleAfterHours,
  });
  for (const symbol of wanted) {
    const failure = fetched.failed.get(symbol);
    const bars = fetched.bars.get(symbol) ?? NO_BARS;
    const check =
      failure === undefined
        ? validateColumns(bars, validation)
        : { ok: false as const, reason: failure };
    if (check.ok) valid.set(symbol, bars);
    else
      rejected.push({
        ticker: symbol,
        reason: universe.includes(symbol) ? check.reason : `context symbol: ${check.reason}`,
      });
  }
  const market = assembleMarketColumns(
    window.sessions.map((s) => s.date),
    universe.filter((s) => valid.has(s)),
    valid,
  );
  const bars = [...valid.values()].reduce((a, b) => a + b.length, 0);
  return { market, rejected, barsFetched: fetched.barsFetched, requests: fetched.requests, bars };
}
