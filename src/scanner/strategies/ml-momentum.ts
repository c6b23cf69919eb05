/**
 * @module ml_momentum (seed 002): logistic regression of "the close 5 sessions later is higher" on the momentum
 * features, walk-forward: refit every 21 sessions on the last 252 samples whose label was already known at the
 * refit (sample t needs the close of t + 5), warm-started from the previous fit; entry when P(up) > 0.6.
 */
import { fitLogistic, predictLogistic, type LogisticModel } from '../ml/logistic-regression.ts';
import { FEATURE_START, momentumFeatures } from '../ml/momentum-features.ts';
import type { IndicatorSet } from '../indicator-set.ts';
import type { Series } from '../series.ts';
import type { Strategy, StrategyContext } from './strategy.ts';

export const ML = {
  horizon: 5,
  refitEvery: 21,
  window: 252,
  minSamples: 126,
  threshold: 0.6,
} as const;
const FIRST_FIT = { iterations: 40, learningRate: 0.5, l2: 1e-3 };
const REFIT = { iterations: 3, learningRate: 0.5, l2: 1e-3 };

/** P(up) per session from the walk-forward model (NaN before its first fit), kept per series: signals and exits read it. */
const fitted = new WeakMap<Series, Float64Array>();

export function mlProbabilities(s: Series, ctx: StrategyContext): Float64Array {
  return mlProbabilitiesWith(s, ctx.indicators(s));
}

/** The same, from a series' indicators alone (the daemon's model reversal: modelUpProbability). */
export function mlProbabilitiesWith(s: Series, indicators: IndicatorSet): Float64Array {
  const cached = fitted.get(s);
  if (cached !== undefined) return cached;
  const n = s.close.length;
  // A buffer of its own, not a slab view: it lives as long as its series (the WeakMap) and would pin a slab.
  const out = new Float64Array(n).fill(Number.NaN);
  const x = momentumFeatures(s, indicators);
  const y = new Uint8Array(n);
  for (let t = 0; t + ML.horizon < n; t += 1)
    y[t] = (s.close[t + ML.horizon] as number) > (s.close[t] as number) ? 1 : 0;
  let model: LogisticModel | undefined;
  for (let r = FEATURE_START + ML.minSamples + ML.horizon; r < n; r += ML.refitEvery) {
    // Samples whose label is known at the close of r: t + horizon <= r.
    const to = r - ML.horizon + 1;
    const from = Math.max(FEATURE_START, to - ML.window);
    model = fitLogistic(x, y, from, to, model === undefined ? FIRST_FIT : REFIT, model?.weights);
    for (let t = r; t < Math.min(r + ML.refitEvery, n); t += 1)
      out[t] = predictLogistic(model, x, t);
  }
  fitted.set(s, out);
  return out;
}

export const mlMomentum: Strategy = {
  name: 'ml_momentum',
  rule: 'logistic regression (returns 1/5/20d, price/SMA20, price/SMA50, RSI, volatility, volume) P(5-day return > 0) > 0.6, refit every 21 sessions on past data only',
  warmup: FEATURE_START + ML.minSamples + ML.horizon,
  unavailable: () => null,
  signals(s, ctx) {
    const p = mlProbabilities(s, ctx);
    const out = new Uint8Array(p.length);
    for (let t = 0; t < p.length; t += 1) if ((p[t] as number) > ML.threshold) out[t] = 1;
    return out;
  },
};
