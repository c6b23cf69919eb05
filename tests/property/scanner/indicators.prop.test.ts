/**
 * The indicator kernels equal the technicalindicators package on the same data.
 * Invariants: for every random OHLCV series, SMA, EMA, RSI (the package rounds to 2 decimals), ATR, ADX
 * (+DI/-DI), SD (the rolling std kernel), and VWAP (cumulative, and each rolling window against the package
 * on that window's slice) agree value by value once the package's output is aligned to the input index.
 * Rolling correlation, volatility, z-score, relative volume and rolling max/min agree with naive recomputation.
 */
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import {
  refAdx,
  refAtr,
  refEma,
  refRsi,
  refSd,
  refSma,
  refVwap,
} from '../../../bench/scan/reference-indicators.ts';
import { adx } from '../../../src/scanner/indicators/adx.ts';
import { atr } from '../../../src/scanner/indicators/atr.ts';
import { ema } from '../../../src/scanner/indicators/ema.ts';
import { relativeVolume } from '../../../src/scanner/indicators/relative-volume.ts';
import { rollingCorrelation } from '../../../src/scanner/indicators/rolling-correlation.ts';
import { rollingMax, rollingMin } from '../../../src/scanner/indicators/rolling-extreme.ts';
import { rollingStd } from '../../../src/scanner/indicators/rolling-std.ts';
import { rsi } from '../../../src/scanner/indicators/rsi.ts';
import { sma } from '../../../src/scanner/indicators/sma.ts';
import { vwap } from '../../../src/scanner/indicators/vwap.ts';
import { zScore } from '../../../src/scanner/indicators/z-score.ts';
import { ohlcvArbitrary } from './ohlcv-arbitrary.ts';

const close = (a: number, b: number, tol: number): boolean =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Compares a kernel's output (input-aligned, NaN before warm-up) with the package's (starts at `offset`). */
function expectAligned(
  mine: Float64Array,
  theirs: readonly number[],
  offset: number,
  tol: number,
): void {
  expect(mine.length - offset).toBe(theirs.length);
  for (let i = 0; i < offset; i += 1) expect(Number.isNaN(mine[i])).toBe(true);
  theirs.forEach((v, k) => {
    if (!close(mine[offset + k]!, v, tol))
      throw new Error(`index ${offset + k}: ${mine[offset + k]} vs ${v}`);
  });
}

const series = ohlcvArbitrary(60, 300);
const period = fc.integer({ min: 2, max: 30 });

describe('indicator kernels equal technicalindicators', () => {
  test.prop([series, period])('SMA', (s, p) => {
    expectAligned(sma(s.close, p), refSma(s.close, p), p - 1, 1e-9);
  });
  test.prop([series, period])('EMA', (s, p) => {
    expectAligned(ema(s.close, p), refEma(s.close, p), p - 1, 1e-9);
  });
  test.prop([series, period])('RSI (package rounds to 2 decimals)', (s, p) => {
    const theirs = refRsi(s.close, p);
    const mine = rsi(s.close, p);
    expect(mine.length - p).toBe(theirs.length);
    theirs.forEach((v, k) => {
      expect(Math.abs(mine[p + k]! - v)).toBeLessThanOrEqual(0.0051);
    });
  });
  test.prop([series, period])('ATR', (s, p) => {
    expectAligned(atr(s.high, s.low, s.close, p), refAtr(s.high, s.low, s.close, p), p, 1e-9);
  });
  test.prop([series, fc.integer({ min: 2, max: 25 })])('ADX, +DI, -DI', (s, p) => {
    const theirs = refAdx(s.high, s.low, s.close, p);
    const mine = adx(s.high, s.low, s.close, p);
    const offset = 2 * p - 1;
    // The package turns NaN for good after a window with no directional movement (0 / 0); the kernel
    // defines DX = 0 there, so values are compared up to the package's first NaN.
    const valid = theirs.findIndex((r) => Number.isNaN(r.adx) || Number.isNaN(r.pdi));
    const upTo = valid === -1 ? theirs.length : valid;
    expect(mine.adx.length - offset).toBe(theirs.length);
    theirs.slice(0, upTo).forEach((r, k) => {
      expect(close(mine.adx[offset + k]!, r.adx, 1e-9)).toBe(true);
      expect(close(mine.pdi[offset + k]!, r.pdi, 1e-9)).toBe(true);
      expect(close(mine.mdi[offset + k]!, r.mdi, 1e-9)).toBe(true);
    });
  });
  test.prop([series, period])('rolling SD (population), within 1e-7 of the price level', (s, p) => {
    // A one-pass rolling SD carries an absolute error of about sqrt(eps) x the values' scale after a large
    // move leaves the window; against a window's true SD of ~1e-10 that is visible, against prices it is not.
    const level = Math.max(...s.close);
    const theirs = refSd(s.close, p);
    const mine = rollingStd(s.close, p);
    theirs.forEach((v, k) => {
      expect(Math.abs(mine[p - 1 + k]! - v)).toBeLessThanOrEqual(1e-7 * level);
    });
  });
  test.prop([series])('VWAP, cumulative', (s) => {
    const theirs = refVwap(s.high, s.low, s.close, s.volume);
    expectAligned(vwap(s.high, s.low, s.close, s.volume, Infinity), theirs, 0, 1e-9);
  });
  test.prop([series, period])('VWAP, rolling window = the package on the window slice', (s, w) => {
    const mine = vwap(s.high, s.low, s.close, s.volume, w);
    for (let i = w - 1; i < s.close.length; i += 7) {
      const sl = (a: number[]) => a.slice(i - w + 1, i + 1);
      const theirs = refVwap(sl(s.high), sl(s.low), sl(s.close), sl(s.volume));
      expect(close(mine[i]!, theirs[theirs.length - 1]!, 1e-9)).toBe(true);
    }
  });
});

function naiveWindow(values: number[], i: number, w: number): number[] {
  return values.slice(i - w + 1, i + 1);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('derived kernels equal naive recomputation', () => {
  test.prop([series, period])('rolling max / min', (s, w) => {
    const hi = rollingMax(s.high, w);
    const lo = rollingMin(s.low, w);
    for (let i = w - 1; i < s.high.length; i += 1) {
      expect(hi[i]).toBe(Math.max(...naiveWindow(s.high, i, w)));
      expect(lo[i]).toBe(Math.min(...naiveWindow(s.low, i, w)));
    }
  });
  test.prop([series, period])('relative volume (previous window, today excluded)', (s, w) => {
    const rv = relativeVolume(s.volume, w);
    for (let i = w; i < s.volume.length; i += 1)
      expect(close(rv[i]!, s.volume[i]! / mean(s.volume.slice(i - w, i)), 1e-9)).toBe(true);
  });
  test.prop([series, fc.integer({ min: 3, max: 30 })])(
    'z-score and rolling correlation',
    (s, w) => {
      const z = zScore(s.close, w);
      const c = rollingCorrelation(s.close, s.volume, w);
      for (let i = w - 1; i < s.close.length; i += 5) {
        const xs = naiveWindow(s.close, i, w);
        const ys = naiveWindow(s.volume, i, w);
        const mx = mean(xs);
        const my = mean(ys);
        const sx = Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)));
        const sy = Math.sqrt(mean(ys.map((y) => (y - my) ** 2)));
        if (sx > 1e-6 * mx) expect(close(z[i]!, (s.close[i]! - mx) / sx, 1e-5)).toBe(true);
        const cov = mean(xs.map((x, k) => (x - mx) * (ys[k]! - my)));
        // A correlation of near-constant windows is ill-conditioned in any algorithm (rounding error grows like
        // eps x (mean / sd)^2, ~1e-6 at sd = 1e-4 x mean): compared where both move, sd >= 1e-3 x mean (~1e-8).
        if (sx > 1e-3 * mx && sy > 1e-3 * my)
          expect(Math.abs(c[i]! - cov / (sx * sy))).toBeLessThan(1e-6);
      }
    },
  );
});
