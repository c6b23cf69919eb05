/**
 * @module Engle-Granger cointegration test of two series over [from, to): OLS hedge regression
 * y = alpha + beta x, then a Dickey-Fuller regression on the residuals, de_t = gamma e_{t-1} + u_t
 * (no constant, no lags: OLS residuals have mean zero). Cointegrated when the t-statistic of gamma is
 * below MacKinnon's (1991) 5% critical value for two variables with a constant.
 */

export interface CointegrationResult {
  readonly alpha: number;
  readonly beta: number;
  readonly tStat: number;
  readonly critical: number;
  readonly cointegrated: boolean;
  /** Mean and population SD of the residuals over the window (for spread z-scores). */
  readonly residualMean: number;
  readonly residualStd: number;
}

/** MacKinnon (1991), N = 2, constant, 5%: -3.3377 - 5.967 / T - 8.98 / T^2. */
export const engleGrangerCritical = (t: number): number => -3.3377 - 5.967 / t - 8.98 / (t * t);

/** OLS of y on x (with intercept) over [from, to). */
export function olsHedge(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
): { alpha: number; beta: number } {
  const n = to - from;
  let mx = 0;
  let my = 0;
  for (let i = from; i < to; i += 1) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i < to; i += 1) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxx += dx * dx;
  }
  const beta = sxx > 0 ? sxy / sxx : 0;
  return { alpha: my - beta * mx, beta };
}

export function engleGranger(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  from: number,
  to: number,
): CointegrationResult {
  const { alpha, beta } = olsHedge(y, x, from, to);
  const n = to - from;
  const e = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i += 1) {
    e[i] = (y[from + i] as number) - alpha - beta * (x[from + i] as number);
    mean += e[i] as number;
  }
  mean /= n;
  let sxx = 0;
  let sxy = 0;
  let ss = 0;
  for (let i = 1; i < n; i += 1) {
    const lag = e[i - 1] as number;
    sxx += lag * lag;
    sxy += lag * ((e[i] as number) - lag);
    ss += ((e[i] as number) - mean) ** 2;
  }
  ss += ((e[0] as number) - mean) ** 2;
  const gamma = sxx > 0 ? sxy / sxx : 0;
  let rss = 0;
  for (let i = 1; i < n; i += 1) {
    const lag = e[i - 1] as number;
    const u = (e[i] as number) - lag - gamma * lag;
    rss += u * u;
  }
  const se = Math.sqrt(rss / Math.max(1, n - 2) / sxx);
  const tStat = se > 0 ? gamma / se : 0;
  const critical = engleGrangerCritical(n - 1);
  return {
    alpha,
    beta,
    tStat,
    critical,
    cointegrated: tStat < critical,
    residualMean: mean,
    residualStd: Math.sqrt(ss / n),
  };
}
