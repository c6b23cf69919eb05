/**
 * @module `strikeline scan` end to end: setup, the broker's clock and calendar, bars (cached, incremental,
 * validated), the compute core (in worker threads for large universes), then the signal logs, the rejected
 * tickers, data/scan/<date>.json and the table of best signals. I/O comes in through ScanDeps.
 */
import type { Paths } from '../config/paths.ts';
import type { Config, StrategyName } from '../config/schema.ts';
import type { Broker, Logger } from '../domain/ports.ts';
import { recordScanRejections } from './data/scan-rejections.ts';
import { loadMarket, type LoadedMarket } from './load-market.ts';
import { formatBestTable } from './output/best-table.ts';
import type { Progress } from './output/progress.ts';
import { writeScanReport, type ScanReport } from './output/scan-summary.ts';
import { writeSignalLogs } from './output/write-signal-logs.ts';
import { scanInParallel, startScanWorkers, workerCount } from './parallel/parallel-scan.ts';
import type { MarketScan } from './scan/scan-market.ts';
import { judgeScan } from './scan/judge-scan.ts';
import { scanSetup, type ScanSetup } from './scan-setup.ts';
import { scanWindow, type ScanWindow } from './scan-window.ts';

export interface ScanDeps {
  readonly broker: Broker;
  readonly config: Config;
  readonly paths: Paths;
  readonly strategyDisabledList: readonly string[];
  readonly log: Logger;
  readonly progress: Progress;
  /** Wall clock for timings and generated_at only (never for market decisions: those use the broker's clock). */
  readonly wallClock: () => number;
}

export interface ScanRequest {
  readonly symbols?: string;
  readonly asOf?: string;
  readonly strategies?: readonly StrategyName[];
  readonly useCache: boolean;
  readonly workers?: number;
  readonly top: number;
}

export interface ScanOutcome {
  readonly report: ScanReport;
  readonly reportFile: string;
  readonly logs: readonly string[];
  readonly table: string;
}

/** A cron run on a day without a session does nothing (DESIGN §1); --asof always scans. */
export interface ScanSkipped {
  readonly skipped: string;
}

export class ScanFailedError extends Error {
  override readonly name = 'ScanFailedError';
}

export async function runScan(
  deps: ScanDeps,
  request: ScanRequest,
): Promise<ScanOutcome | ScanSkipped> {
  const t0 = deps.wallClock();
  const setup = scanSetup(deps.config, deps.paths, deps.strategyDisabledList, request);
  const window = await scanWindow(deps.broker, deps.config.scanner.history_years, request.asOf);
  if (request.asOf === undefined && !window.todayIsSession) {
    deps.log.info({ today: window.today }, 'market closed today: nothing to scan');
    return {
      skipped: `market closed today (${window.today}, New York): nothing to scan; --asof DATE scans a past session`,
    };
  }
  const t1 = deps.wallClock();
  const { loaded, rejected, scan, workers, t2 } = await loadAndScan(deps, request, setup, window);
  const tickers = judgeScan(scan.tickers, setup.options.verdict);
  const t3 = deps.wallClock();
  const logs = writeSignalLogs(
    deps.paths.signals,
    tickers,
    rejected.map((r) => r.ticker),
  );
  const t4 = deps.wallClock();
  const report: ScanReport = {
    date: window.closedThrough,
    generatedAt: new Date(t0).toISOString(),
    asOf: request.asOf ?? null,
    universe: { source: setup.universe.source, symbols: setup.universe.symbols.length },
    strategies: {
      run: [
        ...setup.selection.selected.filter((s) => !scan.unavailable.some((u) => u.strategy === s)),
        ...setup.research.promoted,
      ],
      unavailable: scan.unavailable,
      skipped: setup.selection.skipped,
    },
    settings: {
      backtest: setup.options.backtest,
      verdict: setup.options.verdict,
      research: setup.research,
      history_from: window.fromDate,
      /** Threads the backtests ran in (1 = in-process). */
      workers,
    },
    rejected,
    notes: setup.notes,
    timingsMs: { setup: t1 - t0, data: t2 - t1, compute: t3 - t2, logs: t4 - t3, total: t4 - t0 },
    bars: loaded.bars,
    fetch: { barsFetched: loaded.barsFetched, requests: loaded.requests },
    tickers,
  };
  const reportFile = writeScanReport(deps.paths.scan, report);
  deps.log.info(
    {
      date: report.date,
      tickers: tickers.length,
      rejected: rejected.length,
      barsFetched: loaded.barsFetched,
      requests: loaded.requests,
      timingsMs: report.timingsMs,
    },
    'scan finished',
  );
  return { report, reportFile, logs, table: formatBestTable(tickers, request.top) };
}

/** The bars, then the compute core. The workers start first, so they boot while the bars load. */
async function loadAndScan(
  deps: ScanDeps,
  request: ScanRequest,
  setup: ScanSetup,
  window: ScanWindow,
): Promise<{
  loaded: LoadedMarket;
  rejected: LoadedMarket['rejected'];
  scan: MarketScan;
  workers: number;
  t2: number;
}> {
  // --workers, else scanner.workers; 'auto' leaves the count to workerCount (one per core for a large universe).
  const configured = deps.config.scanner.workers;
  const requested = request.workers ?? (configured === 'auto' ? undefined : configured);
  // The main thread is one of the scan's threads. As many as the whole universe needs; rejected tickers may leave
  // work for fewer (scanInParallel stops the rest).
  const started = startScanWorkers(workerCount(setup.universe.symbols.length, requested) - 1);
  try {
    const loaded = await loadMarket(deps.broker, setup.universe.symbols, setup.context, window, {
      cacheDir: `${deps.paths.data}/bars/1Day`,
      useCache: request.useCache,
      staleAfterHours: deps.config.scanner.stale_after_hours,
      progress: deps.progress,
    });
    const t2 = deps.wallClock();
    const rejected = [...setup.universe.invalid, ...loaded.rejected];
    recordScanRejections(deps.paths.rejected, window.closedThrough, rejected);
    for (const r of rejected)
      deps.log.warn({ ticker: r.ticker, reason: r.reason }, 'ticker rejected');
    if (loaded.market.symbols.length === 0) {
      throw new ScanFailedError(
        `every ticker was rejected (${rejected.length}); see ${deps.paths.rejected}`,
      );
    }
    const workers = workerCount(loaded.market.symbols.length, requested);
    deps.progress.start('backtesting tickers', loaded.market.symbols.length);
    let done = 0;
    const scan = await scanInParallel(
      loaded.market,
      setup.selection.selected,
      setup.settings,
      setup.options,
      {
        workers,
        started,
        onTicker: () => {
          deps.progress.update((done += 1));
        },
      },
    );
    deps.progress.stop();
    return { loaded, rejected, scan, workers, t2 };
  } finally {
    started.close();
  }
}
