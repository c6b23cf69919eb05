/**
 * @module The scan benchmark (issue: the nightly scanner): 500 symbols x 10 years of daily bars from the
 * simulator's synthetic market x all 13 strategies (sector_rotation and quality_smallcap_value fed with
 * synthetic sectors and fundamentals so they do their work), through the same compute core `strikeline scan`
 * runs, in threads across the cores (the main one and workers) (and once in-process for comparison). Reports bars per second and
 * the full-scan time (budget <= 5 s). The indicator kernels have their own file (indicators.bench.ts), and the real
 * command its own (scan-command.bench.ts).
 * `npm run bench -- scan` runs only this file; BENCH_QUICK=1 scans 100 symbols instead of 500.
 */
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../src/config/schema.ts';
import { scanOptions } from '../src/scanner/scan-setup.ts';
import { scanInParallel, workerCount } from '../src/scanner/parallel/parallel-scan.ts';
import type { MarketData } from '../src/scanner/market-data.ts';
import type { Fundamentals, StrategySettings } from '../src/scanner/strategies/strategy.ts';
import { benchSymbol, freshSeries, syntheticUniverse } from './scan/synthetic-universe.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SYMBOLS = QUICK ? 100 : 500;
const SECTORS = [
  'information_technology',
  'financials',
  'health_care',
  'consumer_staples',
  'energy',
  'utilities',
  'industrials',
  'materials',
];

function settingsFor(symbols: number): StrategySettings {
  const names = Array.from({ length: symbols }, (_, i) => benchSymbol(i));
  const fundamentals = new Map<string, Fundamentals>(
    names.map((s, i) => [
      s,
      {
        symbol: s,
        marketCap: (0.5 + (i % 7)) * 5e8,
        pe: 5 + (i % 20),
        roe: 0.05 + (i % 5) * 0.04,
        debtToEquity: (i % 4) * 0.4,
      },
    ]),
  );
  return {
    vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
    marketSymbol: 'SPY',
    sectors: new Map(names.map((s, i) => [s, SECTORS[i % SECTORS.length] ?? 'other'])),
    fundamentals,
  };
}

interface Timed {
  readonly wall: readonly number[];
  readonly cpu: readonly number[];
  readonly median: number;
  readonly trades: number;
  readonly unavailable: number;
}

let market: MarketData;
let settings: StrategySettings;
// What `strikeline scan` runs with the default config: 7.5 bps + $0.005/share, $15,000 a trade, 5 trades minimum.
const options = scanOptions(DEFAULT_CONFIG);

async function timeScans(count: number, workers: number | undefined): Promise<Timed> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let trades = 0;
  let unavailable = 0;
  for (let k = 0; k < count; k += 1) {
    const fresh = freshSeries(market);
    const start = performance.now();
    const c0 = process.cpuUsage();
    const result = await scanInParallel(
      fresh,
      STRATEGY_NAMES,
      settings,
      options,
      workers === undefined ? {} : { workers },
    );
    wall.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    trades = result.tickers.reduce(
      (a, t) => a + t.outcomes.reduce((b, o) => b + o.stats.trades, 0),
      0,
    );
    unavailable = result.unavailable.length;
  }
  const median = [...wall].sort((a, b) => a - b)[Math.floor(count / 2)] ?? Number.NaN;
  return { wall, cpu, median, trades, unavailable };
}

const seconds = (ms: readonly number[]): string => ms.map((m) => (m / 1000).toFixed(2)).join(', ');

function line(label: string, t: Timed, bars: number): string {
  return `  ${label}: wall ${seconds(t.wall)} s (median ${(t.median / 1000).toFixed(2)} s), CPU ${seconds(t.cpu)} s, ${Math.round(bars / (t.median / 1000)).toLocaleString('en-US')} bars/s (${Math.round((bars * STRATEGY_NAMES.length) / (t.median / 1000)).toLocaleString('en-US')} bar x strategy evaluations/s)`;
}

export async function run(): Promise<string> {
  const t0 = performance.now();
  market = syntheticUniverse({
    seed: 20_240_501,
    symbols: SYMBOLS,
    startDate: '2015-01-01',
    endDate: '2024-12-31',
  });
  const generateMs = performance.now() - t0;
  const bars = market.symbols.reduce((a, s) => a + (market.series.get(s)?.close.length ?? 0), 0);
  settings = settingsFor(SYMBOLS);
  const auto = workerCount(market.symbols.length);
  const parallel = await timeScans(3, undefined);
  const twoWorkers = await timeScans(2, 2);
  const inProcess = await timeScans(2, 0);
  const ok = (b: boolean): string => (b ? 'within budget' : 'OVER BUDGET');
  return [
    `machine: ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (a loaded machine slows every number below)`,
    `data: ${market.symbols.length} symbols, ${bars} daily bars (${market.dates[0] ?? ''}..${market.dates[market.dates.length - 1] ?? ''}), generated in ${(generateMs / 1000).toFixed(1)} s (not timed below)`,
    `strategies: ${STRATEGY_NAMES.length} (${parallel.unavailable} unavailable), ${parallel.trades} backtest trades per scan`,
    `full scan = signals + backtests + statistics + best pick (what \`strikeline scan\` runs after the data stage):`,
    line(
      `the default (${auto === 1 ? 'in-process' : `${auto} threads, the main one and ${auto - 1} worker${auto === 2 ? '' : 's'}`}, one per core)`,
      parallel,
      bars,
    ),
    line('2 threads (--workers 2: the main one and a worker)', twoWorkers, bars),
    line('in-process (--workers 0)', inProcess, bars),
    `  budget 5 s (the default): ${ok(parallel.median <= 5000)}; CPU time counts every thread, so with workers CPU / ${availableParallelism()} is what an idle machine's wall time approaches`,
  ].join('\n');
}
