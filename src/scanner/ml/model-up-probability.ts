/**
 * @module ml_momentum's model for the daemon's exit (UpProbabilityModel): the scan's walk-forward logistic model
 * (strategies/ml-momentum.ts) over a symbol's daily bars adjusted as the scan's, its P(up) at the last close.
 */
import type {
  DatedBar,
  UpProbabilityModel,
} from '../../domain/rules/strategy-exits/up-probability-model.ts';
import { SCAN_ADJUSTMENT } from '../data/fetch-bars.ts';
import { indicatorSet } from '../indicator-set.ts';
import { seriesFromBars } from '../series.ts';
import { mlProbabilitiesWith } from '../strategies/ml-momentum.ts';

export function modelUpProbability(historyYears: number): UpProbabilityModel {
  return {
    adjustment: SCAN_ADJUSTMENT,
    historyYears,
    upProbability(symbol: string, bars: readonly DatedBar[]): number | null {
      if (bars.length === 0) return null;
      const series = seriesFromBars(
        symbol,
        0,
        bars.map((b) => b.date),
        bars,
      );
      const p = mlProbabilitiesWith(series, indicatorSet(series)).at(-1);
      return p === undefined || Number.isNaN(p) ? null : p;
    },
  };
}
