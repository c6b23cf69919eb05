/** @module The indicators of one series, each computed once on first use (several strategies share SMA20, RSI14...). */
import { adx, type AdxResult } from './indicators/adx.ts';
import { atr } from './indicators/atr.ts';
import { ema } from './indicators/ema.ts';
import { logReturns } from './indicators/log-returns.ts';
import { rateOfChange } from './indicators/rate-of-change.ts';
import { relativeVolume } from './indicators/relative-volume.ts';
import { rollingMax, rollingMin } from './indicators/rolling-extreme.ts';
import { rsi } from './indicators/rsi.ts';
import { sma } from './indicators/sma.ts';
import { volatility } from './indicators/volatility.ts';
import { vwap } from './indicators/vwap.ts';
import { zScore } from './indicators/z-score.ts';
import type { Series } from './series.ts';

export interface IndicatorSet {
  sma(period: number): Float64Array;
  ema(period: number): Float64Array;
  rsi(period: number): Float64Array;
  atr(period: number): Float64Array;
  adx(period: number): AdxResult;
  vwap(window: number): Float64Array;
  volatility(window: number): Float64Array;
  relativeVolume(window: number): Float64Array;
  /** z-score of the close against its own SMA/SD. */
  zScore(window: number): Float64Array;
  /** Highest high / lowest low over the window ending at (and including) each bar. */
  highest(window: number): Float64Array;
  lowest(window: number): Float64Array;
  roc(lookback: number, skip?: number): Float64Array;
  smaVolume(window: number): Float64Array;
  logReturns(): Float64Array;
}

export function indicatorSet(s: Series): IndicatorSet {
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T): T => {
    const hit = memo.get(key);
    if (hit !== undefined) return hit as T;
    const value = compute();
    memo.set(key, value);
    return value;
  };
  return {
    sma: (p) => once(`sma${p}`, () => sma(s.close, p)),
    ema: (p) => once(`ema${p}`, () => ema(s.close, p)),
    rsi: (p) => once(`rsi${p}`, () => rsi(s.close, p)),
    atr: (p) => once(`atr${p}`, () => atr(s.high, s.low, s.close, p)),
    adx: (p) => once(`adx${p}`, () => adx(s.high, s.low, s.close, p)),
    vwap: (w) => once(`vwap${w}`, () => vwap(s.high, s.low, s.close, s.volume, w)),
    volatility: (w) => once(`vol${w}`, () => volatility(s.close, w)),
    relativeVolume: (w) => once(`rvol${w}`, () => relativeVolume(s.volume, w)),
    zScore: (w) => once(`z${w}`, () => zScore(s.close, w)),
    highest: (w) => once(`hh${w}`, () => rollingMax(s.high, w)),
    lowest: (w) => once(`ll${w}`, () => rollingMin(s.low, w)),
    roc: (l, skip = 0) => once(`roc${l}_${skip}`, () => rateOfChange(s.close, l, skip)),
    smaVolume: (w) => once(`smav${w}`, () => sma(s.volume, w)),
    logReturns: () => once('lr', () => logReturns(s.close)),
  };
}
