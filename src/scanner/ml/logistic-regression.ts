/**
 * @module Logistic regression with 8 features, trained by batch gradient descent (L2-regularised) on features
 * standardised over the training rows, warm-startable so a walk-forward refit needs only a few steps.
 * The kernel is unrolled for 8 features and works on the raw rows (standardisation folded into the weights),
 * which makes a refit cheap enough to run 100 times per symbol over 500 symbols. Deterministic.
 */

export const P = 8;

export interface LogisticModel {
  /** weights[0] is the intercept; weights[1..8] apply to standardised features. */
  readonly weights: Float64Array;
  readonly mean: Float64Array;
  /** 1 / SD of each feature over the training rows (0 for a constant feature). */
  readonly scale: Float64Array;
}

export interface FitOptions {
  readonly iterations: number;
  readonly learningRate: number;
  readonly l2: number;
}

/** Feature means and inverse SDs over rows [from, to) of a row-major n x 8 matrix. */
function standardiser(
  x: Float64Array,
  from: number,
  to: number,
): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(P);
  const scale = new Float64Array(P);
  const m = to - from;
  for (let k = 0; k < P; k += 1) {
    const ref = x[from * P + k] as number;
    let sum = 0;
    let sumSq = 0;
    for (let i = from; i < to; i += 1) {
      const d = (x[i * P + k] as number) - ref;
      sum += d;
      sumSq += d * d;
    }
    const mu = sum / m;
    const variance = sumSq / m - mu * mu;
    mean[k] = ref + mu;
    scale[k] = variance > 1e-18 ? 1 / Math.sqrt(variance) : 0;
  }
  return { mean, scale };
}

/** Effective weights on raw features: v_k = w_k s_k, v_0 = w_0 - sum v_k m_k. */
function rawWeights(
  w: Float64Array,
  mean: Float64Array,
  scale: Float64Array,
  v: Float64Array,
): void {
  let v0 = w[0] as number;
  for (let k = 0; k < P; k += 1) {
    const vk = (w[k + 1] as number) * (scale[k] as number);
    v[k + 1] = vk;
    v0 -= vk * (mean[k] as number);
  }
  v[0] = v0;
}

/** One full-batch gradient step on rows [from, to); updates the model's weights in place (v, g: scratch). */
function step(
  x: Float64Array,
  y: Uint8Array,
  from: number,
  to: number,
  model: LogisticModel,
  v: Float64Array,
  g: Float64Array,
  o: FitOptions,
): void {
  const { weights: w, mean, scale } = model;
  rawWeights(w, mean, scale, v);
  // Weights and gradient sums live in locals: the loop body is then pure arithmetic on registers.
  // prettier-ignore
  const v0 = v[0] as number, v1 = v[1] as number, v2 = v[2] as number, v3 = v[3] as number, v4 = v[4] as number,
    v5 = v[5] as number, v6 = v[6] as number, v7 = v[7] as number, v8 = v[8] as number;
  // prettier-ignore
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0, g8 = 0;
  for (let i = from; i < to; i += 1) {
    const r = i * P;
    // prettier-ignore
    const x0 = x[r] as number, x1 = x[r + 1] as number, x2 = x[r + 2] as number, x3 = x[r + 3] as number,
      x4 = x[r + 4] as number, x5 = x[r + 5] as number, x6 = x[r + 6] as number, x7 = x[r + 7] as number;
    // A balanced sum: four independent products at a time instead of one long chain.
    const s =
      v0 + (v1 * x0 + v2 * x1) + (v3 * x2 + v4 * x3) + (v5 * x4 + v6 * x5 + (v7 * x6 + v8 * x7));
    const e = 1 / (1 + Math.exp(-s)) - (y[i] as number);
    g0 += e;
    g1 += e * x0;
    g2 += e * x1;
    g3 += e * x2;
    g4 += e * x3;
    g5 += e * x4;
    g6 += e * x5;
    g7 += e * x6;
    g8 += e * x7;
  }
  g.set([g0, g1, g2, g3, g4, g5, g6, g7, g8]);
  // Gradient in standardised space: d/dw_k = s_k (sum e x_k - m_k sum e) / m.
  const m = to - from;
  w[0] = (w[0] as number) - o.learningRate * (g0 / m);
  for (let k = 0; k < P; k += 1) {
    const gk = ((scale[k] as number) * ((g[k + 1] as number) - (mean[k] as number) * g0)) / m;
    w[k + 1] = (w[k + 1] as number) - o.learningRate * (gk + o.l2 * (w[k + 1] as number));
  }
}

/** Fits on rows [from, to) of x (n x 8, row-major) with labels y (0/1), from `start` weights when given. */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  from: number,
  to: number,
  options: FitOptions,
  start?: Float64Array,
): LogisticModel {
  const { mean, scale } = standardiser(x, from, to);
  const model: LogisticModel = {
    weights: start === undefined ? new Float64Array(P + 1) : Float64Array.from(start),
    mean,
    scale,
  };
  // Scratch for the raw weights and the gradient, allocated once per fit: 9 doubles are past V8's on-heap limit
  // for typed arrays (64 bytes), so one per step was an ArrayBuffer per step (issue 19's profile).
  const v = new Float64Array(P + 1);
  const g = new Float64Array(P + 1);
  for (let it = 0; it < options.iterations; it += 1) step(x, y, from, to, model, v, g, options);
  return model;
}

/** P(y = 1) for row i of x. */
export function predictLogistic(model: LogisticModel, x: Float64Array, i: number): number {
  let s = model.weights[0] as number;
  for (let k = 0; k < P; k += 1) {
    s +=
      (model.weights[k + 1] as number) *
      ((x[i * P + k] as number) - (model.mean[k] as number)) *
      (model.scale[k] as number);
  }
  return 1 / (1 + Math.exp(-s));
}
