/**
 * The indicator kernels against the technicalindicators package on the same series, in the same run: each
 * side is timed over the same bars, alternating rounds so machine noise hits both, a full GC before each timing
 * (with --expose-gc, as `npm run bench` runs) so neither pays for the other's garbage, and the median round kept
 * (the best round hid the slow ones: issue 19); the ratio is package time over kernel time, in CPU time of this
 * process (what other processes on a shared machine do not inflate) and in wall time. Outputs are compared first
 * (a fast wrong kernel is no result).
 */
import { adx } from '../../src/scanner/indicators/adx.ts';
import { atr } from '../../src/scanner/indicators/atr.ts';
import { ema } from '../../src/scanner/indicators/ema.ts';
import { rollingStd } from '../../src/scanner/indicators/rolling-std.ts';
import { rsi } from '../../src/scanner/indicators/rsi.ts';
import { sma } from '../../src/scanner/indicators/sma.ts';
import { vwap } from '../../src/scanner/indicators/vwap.ts';
import type { MarketData } from '../../src/scanner/market-data.ts';
import { collectGarbage, median } from '../support/budget.ts';
import { refAdx, refAtr, refEma, refRsi, refSd, refSma, refVwap } from './reference-indicators.ts';

interface Columns {
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
  readonly f: {
    readonly high: Float64Array;
    readonly low: Float64Array;
    readonly close: Float64Array;
    readonly volume: Float64Array;
  };
}

interface Case {
  readonly name: string;
  readonly kernel: (c: Columns) => ArrayLike<number>;
  readonly pkg: (c: Columns) => unknown[];
  /** The package's values as numbers (it returns fewer: the first `period - 1` have no value). */
  readonly last: (theirs: unknown[]) => number[];
}

const lastOf = (theirs: unknown[]): number[] => theirs as number[];

const CASES: readonly Case[] = [
  {
    name: 'SMA(20)',
    kernel: (c) => sma(c.f.close, 20),
    pkg: (c) => refSma(c.close, 20),
    last: lastOf,
  },
  {
    name: 'EMA(20)',
    kernel: (c) => ema(c.f.close, 20),
    pkg: (c) => refEma(c.close, 20),
    last: lastOf,
  },
  {
    name: 'RSI(14)',
    kernel: (c) => rsi(c.f.close, 14),
    pkg: (c) => refRsi(c.close, 14),
    last: lastOf,
  },
  {
    name: 'ATR(14)',
    kernel: (c) => atr(c.f.high, c.f.low, c.f.close, 14),
    pkg: (c) => refAtr(c.high, c.low, c.close, 14),
    last: lastOf,
  },
  {
    name: 'ADX(14)',
    kernel: (c) => adx(c.f.high, c.f.low, c.f.close, 14).adx,
    pkg: (c) => refAdx(c.high, c.low, c.close, 14),
    last: (theirs) => (theirs as Array<{ adx: number }>).map((t) => t.adx),
  },
  {
    name: 'SD(20)',
    kernel: (c) => rollingStd(c.f.close, 20),
    pkg: (c) => refSd(c.close, 20),
    last: lastOf,
  },
  {
    name: 'VWAP (cumulative)',
    kernel: (c) => vwap(c.f.high, c.f.low, c.f.close, c.f.volume, Infinity),
    pkg: (c) => refVwap(c.high, c.low, c.close, c.volume),
    last: lastOf,
  },
];

export interface IndicatorRatio {
  readonly name: string;
  /** CPU ms for one pass over every series. */
  readonly kernelMs: number;
  readonly packageMs: number;
  /** packageMs / kernelMs (CPU time). */
  readonly ratio: number;
  /** The same ratio in wall time. */
  readonly wallRatio: number;
  /** Every round's CPU ms, kernel and package. */
  readonly kernelRuns: readonly number[];
  readonly packageRuns: readonly number[];
  /** The largest difference between a kernel value and the package's, relative to max(1, |value|). */
  readonly maxRelativeDifference: number;
}

/** Every value the package gives, against the kernel's value at the same bar (both end at the last bar). */
function largestDifference(mine: ArrayLike<number>, theirs: readonly number[]): number {
  const offset = mine.length - theirs.length;
  let worst = 0;
  theirs.forEach((b, j) => {
    const a = mine[offset + j] ?? Number.NaN;
    const d = Math.abs(a - b) / Math.max(1, Math.abs(b));
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  });
  return worst;
}

/** Kernel values equal the package's to 1e-9 (floating-point order only); the package rounds RSI to 2 decimals. */
const TOLERANCE: Readonly<Record<string, number>> = { 'RSI(14)': 5e-3 };
const DEFAULT_TOLERANCE = 1e-9;

function columnsOf(market: MarketData, count: number): Columns[] {
  return market.symbols.slice(0, count).map((sym) => {
    const s = market.series.get(sym);
    if (s === undefined) throw new Error(sym);
    return {
      open: Array.from(s.open),
      high: Array.from(s.high),
      low: Array.from(s.low),
      close: Array.from(s.close),
      volume: Array.from(s.volume),
      f: { high: s.high, low: s.low, close: s.close, volume: s.volume },
    };
  });
}

function time(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

/** Times each case over `count` series: `rounds` alternating rounds (median kept), the kernel repeated to a measurable span. */
export function indicatorRatios(market: MarketData, count: number, rounds = 10): IndicatorRatio[] {
  const data = columnsOf(market, count);
  return CASES.map((c) => {
    let maxRelativeDifference = 0;
    for (const col of data) {
      const d = largestDifference(c.kernel(col), c.last(c.pkg(col)));
      if (!(d <= (TOLERANCE[c.name] ?? DEFAULT_TOLERANCE)))
        throw new Error(`${c.name}: kernel differs from the package by ${String(d)} (relative)`);
      maxRelativeDifference = Math.max(maxRelativeDifference, d);
    }
    const repeat = 20;
    const kernel = { cpu: [] as number[], wall: [] as number[] };
    const pkg = { cpu: [] as number[], wall: [] as number[] };
    for (let r = 0; r < rounds; r += 1) {
      collectGarbage();
      const p = time(() => {
        data.forEach((col) => c.pkg(col));
      });
      collectGarbage();
      const k = time(() => {
        for (let j = 0; j < repeat; j += 1) data.forEach((col) => c.kernel(col));
      });
      pkg.cpu.push(p.cpu);
      pkg.wall.push(p.wall);
      kernel.cpu.push(k.cpu / repeat);
      kernel.wall.push(k.wall / repeat);
    }
    return {
      name: c.name,
      kernelMs: median(kernel.cpu),
      packageMs: median(pkg.cpu),
      ratio: median(pkg.cpu) / median(kernel.cpu),
      wallRatio: median(pkg.wall) / median(kernel.wall),
      kernelRuns: kernel.cpu,
      packageRuns: pkg.cpu,
      maxRelativeDifference,
    };
  });
}
