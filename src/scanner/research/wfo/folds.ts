/**
 * @module Rolling walk-forward windows over a series: an in-sample window of `inSample` sessions where
 * parameters are chosen, then the next `outOfSample` sessions where they are used; the windows roll forward by
 * the out-of-sample length, so the out-of-sample windows tile the history after the first in-sample window
 * without overlap. Indices are half-open [from, to).
 */

export interface Fold {
  readonly isFrom: number;
  readonly isTo: number;
  readonly oosFrom: number;
  readonly oosTo: number;
}

export interface FoldOptions {
  /** First index a window may start at (the strategy's warm-up). */
  readonly start: number;
  readonly inSample: number;
  readonly outOfSample: number;
}

export function rollingFolds(n: number, o: FoldOptions): Fold[] {
  const folds: Fold[] = [];
  for (let isFrom = Math.max(0, o.start); isFrom + o.inSample < n; isFrom += o.outOfSample) {
    const isTo = isFrom + o.inSample;
    folds.push({ isFrom, isTo, oosFrom: isTo, oosTo: Math.min(n, isTo + o.outOfSample) });
  }
  return folds;
}

/** The in-sample window that ends with the data: where the parameters for the sessions after it are chosen. */
export const latestWindow = (n: number, o: FoldOptions): Fold => {
  const isFrom = Math.max(Math.max(0, o.start), n - o.inSample);
  return { isFrom, isTo: n, oosFrom: n, oosTo: n };
};
