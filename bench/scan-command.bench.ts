/**
 * @module The real `strikeline scan` (issue 19): the binary as cron runs it, 500 symbols x 10 years x all 13
 * strategies, against the simulator in this process over HTTP through the official SDK. One cold run fills the cache
 * (its time is set against the data API's own limit: its page requests at Alpaca's 200 a minute), then warm runs
 * alternate with the scan's compute core alone on the same universe in this process (the baseline: what the command
 * adds is the data stage, start-up and the output). Budget: warm, <= 5 s wall (median).
 * `npm run bench -- scan-command` runs only this file; BENCH_QUICK=1 scans 100 symbols, 3 warm runs instead of 5.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../src/config/schema.ts';
import { scanInParallel } from '../src/scanner/parallel/parallel-scan.ts';
import { scanOptions } from '../src/scanner/scan-setup.ts';
import { startSimulator } from '../src/sim/start-simulator.ts';
import { median, x, type BenchResult } from './support/budget.ts';
import { benchSymbol, freshSeries, syntheticUniverse } from './scan/synthetic-universe.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SYMBOLS = QUICK ? 100 : 500;
const WARM_RUNS = QUICK ? 3 : 5;
const SEED = 42;
const ASOF = '2024-12-31';
const KEY = 'PKBENCHKEY';
const SECRET = 'bench-scan-secret';
/** Alpaca's market-data limit on the free plan: 200 requests a minute. */
const API_REQUESTS_PER_MINUTE = 200;
/** Bars per page of Alpaca's bars endpoint at most (the adapter asks for the most). */
const BARS_PER_PAGE = 10_000;

interface Run {
  readonly wallMs: number;
  /** The command's CPU time (user + system, every thread), from /usr/bin/time; NaN where it is missing. */
  readonly cpuMs: number;
  readonly requests: number;
  readonly barsFetched: number;
}

// Asynchronous: the simulator answering the command runs in this process's event loop.
const exec = promisify(execFile);
/** GNU time gives the child's CPU time (node's child_process does not); without it only wall times are reported. */
const TIME = '/usr/bin/time';

async function scanOnce(root: string, rest: string, symbols: readonly string[]): Promise<Run> {
  const env = {
    ...process.env,
    ALPACA_API_KEY: KEY,
    ALPACA_SECRET_KEY: SECRET,
    ALPACA_ENDPOINT: rest,
    TRADING_SYSTEM_ROOT: root,
    LOG_LEVEL: 'warn',
  };
  const command = [
    process.execPath,
    join(import.meta.dirname, '..', 'bin', 'strikeline.js'),
    'scan',
    '--symbols',
    symbols.join(','),
    '--asof',
    ASOF,
  ];
  const timeFile = join(root, 'time.txt');
  const timed = existsSync(TIME);
  const t0 = performance.now();
  if (timed)
    await exec(TIME, ['-f', '%U %S', '-o', timeFile, ...command], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  else
    await exec(command[0] ?? process.execPath, command.slice(1), {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  const wallMs = performance.now() - t0;
  const [user, sys] = timed
    ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number)
    : [Number.NaN, Number.NaN];
  const cpuMs = ((user ?? Number.NaN) + (sys ?? Number.NaN)) * 1000;
  const report = JSON.parse(readFileSync(join(root, 'data', 'scan', `${ASOF}.json`), 'utf8')) as {
    fetch: { requests: number; bars_fetched: number };
  };
  return { wallMs, cpuMs, requests: report.fetch.requests, barsFetched: report.fetch.bars_fetched };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<BenchResult> {
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => benchSymbol(i));
  const sim = await startSimulator({
    key: KEY,
    secret: SECRET,
    start: '2025-01-02T15:00:00Z',
    speed: 0,
    seed: SEED,
    symbols: [...symbols, 'SPY', 'VIXY'],
  });
  const root = mkdtempSync(join(tmpdir(), 'strikeline-bench-scan-'));
  try {
    const cold = await scanOnce(root, sim.urls.rest, symbols);
    const market = syntheticUniverse({
      seed: SEED,
      symbols: SYMBOLS,
      startDate: '2015-01-02',
      endDate: ASOF,
    });
    const options = scanOptions(DEFAULT_CONFIG);
    const settings = {
      vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
      marketSymbol: 'SPY',
      sectors: new Map<string, string>(),
      fundamentals: null,
    };
    const warm: Run[] = [];
    const core: number[] = [];
    const coreCpu: number[] = [];
    for (let r = 0; r < WARM_RUNS; r += 1) {
      warm.push(await scanOnce(root, sim.urls.rest, symbols));
      const fresh = freshSeries(market);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await scanInParallel(fresh, STRATEGY_NAMES, settings, options, {});
      const c = process.cpuUsage(c0);
      core.push(performance.now() - t0);
      coreCpu.push((c.user + c.system) / 1000);
      // The in-process run leaves this process a heap of garbage; collect it now, not while the next command runs.
      (globalThis as { gc?: () => void }).gc?.();
    }
    const w = median(warm.map((r) => r.wallMs));
    const c = median(core);
    // The report counts the scan's getBars calls; the adapter pages each: at least bars / 10,000 HTTP requests.
    const pages = Math.max(cold.requests, Math.ceil(cold.barsFetched / BARS_PER_PAGE));
    const floorMs = (pages / API_REQUESTS_PER_MINUTE) * 60_000;
    const last = warm[warm.length - 1];
    return {
      report: [
        `${String(SYMBOLS)} symbols x 10 y x ${String(STRATEGY_NAMES.length)} strategies, as of ${ASOF}, simulator in this process:`,
        `  cold cache: ${s(cold.wallMs)}, ${String(cold.barsFetched)} bars in ${String(cold.requests)} batches, at least ${String(pages)} page requests; at ${String(API_REQUESTS_PER_MINUTE)} requests/min the data API alone needs ${s(floorMs)}`,
        `  warm cache (${String(WARM_RUNS)} runs), wall: ${warm.map((r) => s(r.wallMs)).join(', ')}; the last fetched ${String(last?.barsFetched ?? 0)} bars in ${String(last?.requests ?? 0)} requests`,
        `  warm cache, CPU (user + system, every thread): ${warm.map((r) => s(r.cpuMs)).join(', ')}; median ${s(median(warm.map((r) => r.cpuMs)))}`,
        `  compute core alone, same universe, this process (default workers): wall ${core.map(s).join(', ')}; CPU ${coreCpu.map(s).join(', ')}`,
        `  load average at the end: ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${String(availableParallelism())} cores`,
      ].join('\n'),
      budgets: [
        {
          path: `strikeline scan, ${String(SYMBOLS)} symbols x 10 y x all strategies, warm cache`,
          budget: '<= 5 s wall',
          measured: s(w),
          baseline: `compute core alone ${s(c)}`,
          ratio: `${x(w / c)} of the core`,
          pass: w <= 5000,
        },
        {
          path: 'strikeline scan, cold cache',
          budget: 'reported against the API limit',
          measured: s(cold.wallMs),
          baseline: `${String(pages)} page requests at ${String(API_REQUESTS_PER_MINUTE)}/min: ${s(floorMs)}`,
          ratio: x(cold.wallMs / floorMs),
          pass: true,
        },
      ],
    };
  } finally {
    await sim.close();
    rmSync(root, { recursive: true, force: true });
  }
}
