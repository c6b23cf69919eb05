/**
 * @module A scan spread over threads (one per core by default): the main thread and n - 1 workers. The workers
 * start before the bars load (startScanWorkers) and get the market in shared memory; the main thread computes the
 * cross-sectional data (pairs, ranks, regimes) once while they scan the strategies that need none of it, then
 * scans too. Each thread claims the next unscanned symbol (claims.ts), and results are put in universe order.
 * Workers run the build's worker entry (from source, e.g. in tests: through tsx's loader; see ts-worker.ts).
 * Small universes run in-process: starting a worker costs more than it saves below ~150 symbols per thread.
 * The default is one thread per core (os.availableParallelism(); config `scanner.workers`, flag `--workers`): the
 * kernel's scheduler shares cores between threads, so on a machine others also load, two threads still get more of
 * it than one. The output does not depend on the count (tests compare 1 and 2 byte for byte).
 */
import { availableParallelism } from 'node:os';
import type { StrategyName } from '../../config/schema.ts';
import type { MarketData } from '../market-data.ts';
import { prepareShared, scanMarket, type MarketScan } from '../scan/scan-market.ts';
import type { ScanOptions, TickerResult } from '../scan/ticker-scan.ts';
import type { StrategySettings } from '../strategies/strategy.ts';
import { claimed, newClaims } from './claims.ts';
import { packMarket } from './shared-market.ts';
import { tsWorker, workerModuleUrl } from './ts-worker.ts';
import type { MainMessage, WorkerInput, WorkerMessage } from './worker-protocol.ts';

/**
 * A worker costs ~0.4 s of start-up (tsx loads the sources) plus its own JIT warm-up; below ~150 symbols each,
 * one thread finishes first (measured: 100 symbols x 10 years take 0.8 s in-process, 2.1 s in two workers).
 */
export const MIN_SYMBOLS_PER_WORKER = 150;

export interface ParallelOptions {
  /** Threads that scan, the main thread included; 0 or 1 = in-process. Default: one per core, for a large universe. */
  readonly workers?: number;
  /** Workers started ahead (startScanWorkers), so they boot while the bars load; more are started if needed. */
  readonly started?: ScanWorkers;
  readonly onTicker?: (scan: TickerResult) => void;
}

const WORKER_URL = workerModuleUrl(import.meta.url, 'scan-worker');

/** A scan worker from its start: it boots, then scans the market `scan` hands it with the data `share` sends. */
interface ScanWorker {
  readonly result: Promise<MarketScan>;
  scan(input: WorkerInput, onTicker: (scan: TickerResult) => void): void;
  share(shared: Map<string, unknown>): void;
  stop(): void;
}

function spawnScanWorker(): ScanWorker {
  const worker = tsWorker(WORKER_URL, null);
  let onTicker: (scan: TickerResult) => void = () => undefined;
  // Listeners from the start: a worker that fails while it boots must not be an uncaught error.
  const result = new Promise<MarketScan>((resolve, reject) => {
    const tickers: TickerResult[] = [];
    let done = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'ticker') {
        tickers.push(m.scan);
        onTicker(m.scan);
      } else {
        done = true;
        resolve({ tickers, unavailable: m.unavailable });
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (!done) reject(new Error(`scan worker exited with code ${code} before finishing`));
    });
  });
  // A worker stopped before it scanned (the universe turned out small, or loading failed) rejects unread.
  result.catch(() => undefined);
  const post = (m: MainMessage): void => {
    worker.postMessage(m);
  };
  return {
    result,
    scan: (input, f) => {
      onTicker = f;
      post({ kind: 'market', input });
    },
    share: (shared) => {
      post({ kind: 'shared', shared });
    },
    stop: () => {
      void worker.terminate();
    },
  };
}

/** Workers started before the market is loaded; `close` stops those a scan did not use (and is safe to repeat). */
export interface ScanWorkers {
  readonly list: readonly ScanWorker[];
  close(): void;
}

export function startScanWorkers(count: number): ScanWorkers {
  const list = Array.from({ length: Math.max(0, count) }, spawnScanWorker);
  return {
    list,
    close: () => {
      for (const w of list) w.stop();
    },
  };
}

/**
 * Threads to scan in, the main thread included: as requested (--workers or `scanner.workers`; 0 and 1 both mean
 * in-process), else one per core once each gets MIN_SYMBOLS_PER_WORKER symbols. Never more than one per symbol.
 */
export function workerCount(
  symbols: number,
  requested?: number,
  cores = availableParallelism(),
): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, symbols));
  return Math.max(1, Math.min(cores, Math.floor(symbols / MIN_SYMBOLS_PER_WORKER)));
}

export async function scanInParallel(
  market: MarketData,
  names: readonly StrategyName[],
  settings: StrategySettings,
  options: ScanOptions,
  parallel: ParallelOptions = {},
): Promise<MarketScan> {
  const n = workerCount(market.symbols.length, parallel.workers);
  const started = parallel.started?.list ?? [];
  // The main thread scans too, once it has computed the cross-sectional data: n threads = n - 1 workers.
  const helpers = n - 1;
  // Started workers beyond what this market needs (rejected tickers make it smaller) are stopped.
  for (const w of started.slice(n > 1 ? helpers : 0)) w.stop();
  if (n <= 1)
    return scanMarket(market, names, settings, options, market.symbols, parallel.onTicker);
  let results: MarketScan[];
  const workers = [
    ...started.slice(0, helpers),
    ...Array.from({ length: Math.max(0, helpers - started.length) }, spawnScanWorker),
  ];
  try {
    const claims = newClaims();
    const input = {
      market: packMarket(market),
      names,
      settings,
      options,
      symbols: market.symbols,
      claims,
    };
    for (const w of workers) w.scan(input, (scan) => parallel.onTicker?.(scan));
    // The cross-sectional data is computed once, here, while the workers scan what needs none of it.
    const shared = prepareShared(market, names, settings);
    for (const w of workers) w.share(shared);
    const own = scanMarket(
      market,
      names,
      settings,
      options,
      claimed(market.symbols, claims),
      parallel.onTicker,
      shared,
    );
    results = [own, ...(await Promise.all(workers.map((w) => w.result)))];
  } finally {
    for (const w of workers) w.stop();
  }
  const bySymbol = new Map(results.flatMap((r) => r.tickers).map((t) => [t.symbol, t]));
  return {
    tickers: market.symbols.flatMap((s) => bySymbol.get(s) ?? []),
    unavailable: results[0]?.unavailable ?? [],
  };
}
