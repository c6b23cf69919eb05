/**
 * @module A scan spread over worker threads (one per core by default): the market goes to the workers in shared
 * memory, the cross-sectional data (pairs, ranks, regimes) is computed once in the main thread while they
 * start, the universe is dealt out round-robin, results come back per ticker and are put in universe order.
 * Workers run the build's worker entry (from source, e.g. in tests: through tsx's loader; see ts-worker.ts).
 * Small universes run in-process: starting a worker costs more than it saves below ~150 symbols per worker.
 * The default is one worker per core (os.availableParallelism(); config `scanner.workers`, flag `--workers`): the
 * kernel's scheduler shares cores between threads, so on a machine others also load, two threads still get more of
 * it than one. The output does not depend on the count (tests compare 1 and 2 byte for byte).
 */
import { availableParallelism } from 'node:os';
import type { StrategyName } from '../../config/schema.ts';
import type { MarketData } from '../market-data.ts';
import { prepareShared, scanMarket, type MarketScan } from '../scan/scan-market.ts';
import type { ScanOptions, TickerResult } from '../scan/ticker-scan.ts';
import type { StrategySettings } from '../strategies/strategy.ts';
import { packMarket } from './shared-market.ts';
import { tsWorker, workerModuleUrl } from './ts-worker.ts';
import type { WorkerInput, WorkerMessage } from './worker-protocol.ts';

/**
 * A worker costs ~0.4 s of start-up (tsx loads the sources) plus its own JIT warm-up; below ~150 symbols each,
 * one thread finishes first (measured: 100 symbols x 10 years take 0.8 s in-process, 2.1 s in two workers).
 */
export const MIN_SYMBOLS_PER_WORKER = 150;

export interface ParallelOptions {
  /** Worker threads; 0 or 1 = in-process. Default: the idle cores, if the universe is large enough. */
  readonly workers?: number;
  readonly onTicker?: (scan: TickerResult) => void;
}

const WORKER_URL = workerModuleUrl(import.meta.url, 'scan-worker');

interface RunningWorker {
  readonly result: Promise<MarketScan>;
  start(shared: Map<string, unknown>): void;
}

/** Starts a worker (it boots and unpacks the market at once); `start` hands it the shared data to scan with. */
function runWorker(input: WorkerInput, onTicker: (scan: TickerResult) => void): RunningWorker {
  const worker = tsWorker(WORKER_URL, input);
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
  return {
    result,
    start: (shared) => {
      worker.postMessage({ kind: 'shared', shared });
    },
  };
}

/**
 * Workers to use: as requested (--workers or `scanner.workers`; 0 and 1 both mean in-process), else one per core
 * once each gets MIN_SYMBOLS_PER_WORKER symbols. Never more than one per symbol.
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
  if (n <= 1)
    return scanMarket(market, names, settings, options, market.symbols, parallel.onTicker);
  const packed = packMarket(market);
  const shares = Array.from({ length: n }, (_, w) => market.symbols.filter((_s, i) => i % n === w));
  const workers = shares.map((symbols) =>
    runWorker({ market: packed, names, settings, options, symbols }, (scan) =>
      parallel.onTicker?.(scan),
    ),
  );
  // The cross-sectional data is computed once, here, while the workers start up.
  const shared = prepareShared(market, names, settings);
  for (const w of workers) w.start(shared);
  const results = await Promise.all(workers.map((w) => w.result));
  const bySymbol = new Map(results.flatMap((r) => r.tickers).map((t) => [t.symbol, t]));
  return {
    tickers: market.symbols.flatMap((s) => bySymbol.get(s) ?? []),
    unavailable: results[0]?.unavailable ?? [],
  };
}
