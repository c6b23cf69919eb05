/**
 * @module The data a GP run evaluates rules on: every universe ticker with its feature columns, and the split
 * of the session grid into in sample (fitness) and out of sample (validation) at one date for all tickers.
 */
import { indicatorSet } from '../../indicator-set.ts';
import type { MarketData } from '../../market-data.ts';
import type { Series } from '../../series.ts';
import { FEATURES, FEATURE_SPECS } from './features.ts';
import { featureColumns, type FeatureColumns } from './rule.ts';

/** In-sample quantiles of each feature (key `feature:period`), the thresholds rules compare against. */
export type Thresholds = Readonly<Record<string, readonly number[]>>;

const QUANTILES = [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98];
/** At most this many values per feature are sorted for its quantiles (a regular sample of the in-sample bars). */
const SAMPLE = 20_000;

export interface GpTicker {
  readonly series: Series;
  readonly columns: FeatureColumns;
  /** Series index of the first out-of-sample session (the split date's index, clamped to the series). */
  readonly split: number;
}

export interface GpData {
  readonly tickers: readonly GpTicker[];
  /** The first out-of-sample session of the grid. */
  readonly splitDate: string;
  /** The last in-sample session of the grid. */
  readonly inSampleThrough: string;
  readonly thresholds: Thresholds;
}

const significant = (x: number): number => Number(x.toPrecision(4));

function thresholds(tickers: readonly GpTicker[]): Thresholds {
  const total = tickers.reduce((a, t) => a + t.split, 0);
  const stride = Math.max(1, Math.ceil(total / SAMPLE));
  const out: Record<string, number[]> = {};
  for (const f of FEATURES) {
    for (const p of FEATURE_SPECS[f].periods) {
      const values: number[] = [];
      for (const t of tickers) {
        const col = t.columns(f, p);
        for (let i = 0; i < t.split; i += stride)
          if (Number.isFinite(col[i])) values.push(col[i] as number);
      }
      values.sort((a, b) => a - b);
      const qs = QUANTILES.map((q) =>
        significant(values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0),
      );
      out[`${f}:${p}`] = [...new Set(qs)];
    }
  }
  return out;
}

export function gpData(market: MarketData, inSample: number): GpData {
  const g = market.dates.length;
  const splitIndex = Math.min(g - 1, Math.max(1, Math.floor(g * inSample)));
  const tickers = market.symbols.flatMap((symbol) => {
    const series = market.series.get(symbol);
    if (series === undefined || series.close.length === 0) return [];
    const split = Math.min(series.close.length, Math.max(0, splitIndex - series.start));
    return [{ series, columns: featureColumns(series, indicatorSet(series)), split }];
  });
  return {
    tickers,
    splitDate: market.dates[splitIndex] ?? '',
    inSampleThrough: market.dates[splitIndex - 1] ?? '',
    thresholds: thresholds(tickers),
  };
}
