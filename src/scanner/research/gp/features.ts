/**
 * @module The features a discovered rule may compare, each with the periods that make sense for it. Thresholds
 * come from the feature's own in-sample distribution (gp-data.ts), so a comparison is never trivially true or
 * false and always reads on the feature's scale (an RSI against 23, a z-score against -1.9).
 */
import type { IndicatorSet } from '../../indicator-set.ts';
import type { Series } from '../../series.ts';

export const FEATURES = ['rsi', 'zscore', 'roc', 'trend', 'vol', 'rvol', 'range', 'gap'] as const;
export type Feature = (typeof FEATURES)[number];

export interface FeatureSpec {
  readonly periods: readonly number[];
  readonly describe: (p: number) => string;
  compute(s: Series, ind: IndicatorSet, p: number): Float64Array;
}

const map = (xs: ArrayLike<number>, f: (x: number, i: number) => number): Float64Array =>
  Float64Array.from(xs, f);

export const FEATURE_SPECS: Readonly<Record<Feature, FeatureSpec>> = {
  rsi: {
    periods: [2, 5, 14, 21],
    describe: (p) => `RSI(${p})`,
    compute: (_s, ind, p) => ind.rsi(p),
  },
  zscore: {
    periods: [10, 20, 50],
    describe: (p) => `z(${p})`,
    compute: (_s, ind, p) => ind.zScore(p),
  },
  roc: {
    periods: [1, 5, 10, 20, 60],
    describe: (p) => `return%(${p})`,
    compute: (_s, ind, p) => map(ind.roc(p), (x) => x * 100),
  },
  trend: {
    periods: [10, 20, 50, 100, 200],
    describe: (p) => `close/SMA(${p})-1 %`,
    compute: (s, ind, p) => {
      const sma = ind.sma(p);
      return map(s.close, (c, i) => (c / (sma[i] as number) - 1) * 100);
    },
  },
  vol: {
    periods: [10, 20, 63],
    describe: (p) => `volatility%(${p})`,
    compute: (_s, ind, p) => map(ind.volatility(p), (x) => x * 100),
  },
  rvol: {
    periods: [10, 20, 50],
    describe: (p) => `relvolume(${p})`,
    compute: (_s, ind, p) => ind.relativeVolume(p),
  },
  range: {
    periods: [10, 20, 50],
    describe: (p) => `range position(${p})`,
    compute: (s, ind, p) => {
      const hi = ind.highest(p);
      const lo = ind.lowest(p);
      return map(
        s.close,
        (c, i) => (c - (lo[i] as number)) / ((hi[i] as number) - (lo[i] as number)),
      );
    },
  },
  gap: {
    periods: [1],
    describe: () => 'gap%',
    compute: (s) =>
      map(s.open, (o, i) => (i === 0 ? Number.NaN : (o / (s.close[i - 1] as number) - 1) * 100)),
  },
};

/** Bars a feature needs before its first finite value (generous: the longest indicator warm-up plus one). */
export const featureWarmup = (f: Feature, p: number): number => (f === 'gap' ? 1 : p + 1);
