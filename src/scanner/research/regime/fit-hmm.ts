/**
 * @module Fitting the regime model: a deterministic start (observations split into K groups by quantiles of the
 * ordering feature, each group's mean and variance; sticky transitions), Baum–Welch until the log-likelihood
 * stops improving or the iteration budget runs out, then states relabelled in ascending order of the ordering
 * feature's mean (state 0 = the calmest).
 */
import { baumWelchStep, type Hmm, type Observations } from './gaussian-hmm.ts';

export interface HmmFit {
  readonly model: Hmm;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const TOLERANCE = 1e-7;

export function initialHmm(xs: Observations, states: number, orderBy: number): Hmm {
  const D = xs[0]?.length ?? 0;
  const order = xs
    .map((_, t) => t)
    .sort(
      (a, b) =>
        ((xs[a] as readonly number[])[orderBy] as number) -
          ((xs[b] as readonly number[])[orderBy] as number) || a - b,
    );
  const groups = Array.from({ length: states }, (_, k) =>
    order.slice(
      Math.floor((k * order.length) / states),
      Math.floor(((k + 1) * order.length) / states),
    ),
  );
  const stat = (g: number[], d: number) => {
    const vals = g.map((t) => (xs[t] as readonly number[])[d] as number);
    const mean = vals.reduce((s, v) => s + v, 0) / Math.max(1, vals.length);
    const variance = vals.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, vals.length);
    return { mean, variance: Math.max(1e-4, variance) };
  };
  const stay = 0.95;
  return {
    pi: new Array<number>(states).fill(1 / states),
    a: Array.from({ length: states }, (_, i) =>
      Array.from({ length: states }, (_, j) => (i === j ? stay : (1 - stay) / (states - 1))),
    ),
    means: groups.map((g) => Array.from({ length: D }, (_, d) => stat(g, d).mean)),
    variances: groups.map((g) => Array.from({ length: D }, (_, d) => stat(g, d).variance)),
  };
}

function relabel(m: Hmm, orderBy: number): Hmm {
  const order = m.means
    .map((_, k) => k)
    .sort(
      (a, b) =>
        ((m.means[a] as readonly number[])[orderBy] as number) -
          ((m.means[b] as readonly number[])[orderBy] as number) || a - b,
    );
  return {
    pi: order.map((k) => m.pi[k] as number),
    a: order.map((i) => order.map((j) => (m.a[i] as readonly number[])[j] as number)),
    means: order.map((k) => m.means[k] as readonly number[]),
    variances: order.map((k) => m.variances[k] as readonly number[]),
  };
}

export function fitHmm(
  xs: Observations,
  states: number,
  orderBy: number,
  maxIterations: number,
): HmmFit {
  let model = initialHmm(xs, states, orderBy);
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const step = baumWelchStep(model, xs);
    iterations += 1;
    model = step.model;
    if (step.logLikelihood - previous <= TOLERANCE * Math.abs(step.logLikelihood)) {
      converged = true;
      previous = step.logLikelihood;
      break;
    }
    previous = step.logLikelihood;
  }
  return { model: relabel(model, orderBy), logLikelihood: previous, iterations, converged };
}
