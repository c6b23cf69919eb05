/**
 * @module A hidden Markov model with diagonal Gaussian emissions, written out: Baum–Welch (expectation-
 * maximisation with the scaled forward-backward recursions of Rabiner 1989) and the forward filter for the
 * state probabilities at the last observation (what is knowable at that close); Viterbi is in viterbi.ts.
 * Pure functions over plain arrays; a fit starts from quantiles of one feature, so it needs no random numbers.
 */

export interface Hmm {
  /** Initial state probabilities, K. */
  readonly pi: readonly number[];
  /** Transition probabilities, K x K, rows sum to 1. */
  readonly a: ReadonlyArray<readonly number[]>;
  /** Emission means and variances, K x D. */
  readonly means: ReadonlyArray<readonly number[]>;
  readonly variances: ReadonlyArray<readonly number[]>;
}

export type Observations = ReadonlyArray<readonly number[]>;

const VARIANCE_FLOOR = 1e-6;
const LOG_2PI = Math.log(2 * Math.PI);

export function logEmission(m: Hmm, k: number, x: readonly number[]): number {
  let s = 0;
  const mu = m.means[k] as readonly number[];
  const v = m.variances[k] as readonly number[];
  for (let d = 0; d < x.length; d += 1) {
    const vd = v[d] as number;
    s += -0.5 * (LOG_2PI + Math.log(vd) + ((x[d] as number) - (mu[d] as number)) ** 2 / vd);
  }
  return s;
}

/** Emission likelihoods scaled per observation (b[t][k] = exp(logB - max_k logB)), and the log scales. */
function emissions(m: Hmm, xs: Observations): { b: number[][]; shift: number[] } {
  const K = m.pi.length;
  const b: number[][] = [];
  const shift: number[] = [];
  for (const x of xs) {
    const logs = Array.from({ length: K }, (_, k) => logEmission(m, k, x));
    const top = Math.max(...logs);
    b.push(logs.map((l) => Math.exp(l - top)));
    shift.push(top);
  }
  return { b, shift };
}

export interface Forward {
  /** Normalised forward probabilities per observation: P(state | observations up to t). */
  readonly alpha: number[][];
  readonly scale: number[];
  readonly logLikelihood: number;
}

export function forward(m: Hmm, xs: Observations, e = emissions(m, xs)): Forward {
  const K = m.pi.length;
  const alpha: number[][] = [];
  const scale: number[] = [];
  let ll = 0;
  xs.forEach((_, t) => {
    const bt = e.b[t] as number[];
    const prev = alpha[t - 1];
    const row = Array.from({ length: K }, (_, j) => {
      const into =
        prev === undefined
          ? (m.pi[j] as number)
          : prev.reduce((s, p, i) => s + p * ((m.a[i] as readonly number[])[j] as number), 0);
      return into * (bt[j] as number);
    });
    const c = row.reduce((s, x) => s + x, 0) || Number.MIN_VALUE;
    alpha.push(row.map((x) => x / c));
    scale.push(c);
    ll += Math.log(c) + (e.shift[t] as number);
  });
  return { alpha, scale, logLikelihood: ll };
}

function backward(m: Hmm, e: { b: number[][] }, scale: readonly number[]): number[][] {
  const K = m.pi.length;
  const T = e.b.length;
  const beta: number[][] = new Array<number[]>(T);
  beta[T - 1] = new Array<number>(K).fill(1);
  for (let t = T - 2; t >= 0; t -= 1) {
    const next = beta[t + 1] as number[];
    const bn = e.b[t + 1] as number[];
    const c = scale[t + 1] as number;
    beta[t] = Array.from({ length: K }, (_, i) => {
      const ai = m.a[i] as readonly number[];
      let s = 0;
      for (let j = 0; j < K; j += 1)
        s += (ai[j] as number) * (bn[j] as number) * (next[j] as number);
      return s / c;
    });
  }
  return beta;
}

/** One Baum–Welch iteration: the re-estimated model and the log-likelihood of the model it started from. */
export function baumWelchStep(m: Hmm, xs: Observations): { model: Hmm; logLikelihood: number } {
  const K = m.pi.length;
  const D = xs[0]?.length ?? 0;
  const e = emissions(m, xs);
  const f = forward(m, xs, e);
  const beta = backward(m, e, f.scale);
  const gamma = f.alpha.map((row, t) =>
    row.map((p, k) => p * ((beta[t] as number[])[k] as number)),
  );
  const xi = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let t = 0; t + 1 < xs.length; t += 1) {
    const at = f.alpha[t] as number[];
    const bn = e.b[t + 1] as number[];
    const btn = beta[t + 1] as number[];
    const c = f.scale[t + 1] as number;
    for (let i = 0; i < K; i += 1)
      for (let j = 0; j < K; j += 1)
        (xi[i] as number[])[j] =
          ((xi[i] as number[])[j] as number) +
          ((at[i] as number) *
            ((m.a[i] as readonly number[])[j] as number) *
            (bn[j] as number) *
            (btn[j] as number)) /
            c;
  }
  const weight = Array.from(
    { length: K },
    (_, k) => gamma.reduce((s, g) => s + (g[k] as number), 0) || Number.MIN_VALUE,
  );
  const means = Array.from({ length: K }, (_, k) =>
    Array.from(
      { length: D },
      (_, d) =>
        gamma.reduce(
          (s, g, t) => s + (g[k] as number) * ((xs[t] as readonly number[])[d] as number),
          0,
        ) / (weight[k] as number),
    ),
  );
  const variances = Array.from({ length: K }, (_, k) =>
    Array.from({ length: D }, (_, d) => {
      const mu = (means[k] as number[])[d] as number;
      const v =
        gamma.reduce(
          (s, g, t) =>
            s + (g[k] as number) * (((xs[t] as readonly number[])[d] as number) - mu) ** 2,
          0,
        ) / (weight[k] as number);
      return Math.max(VARIANCE_FLOOR, v);
    }),
  );
  const a = xi.map((row) => {
    const total = row.reduce((s, x) => s + x, 0) || Number.MIN_VALUE;
    return row.map((x) => x / total);
  });
  return { model: { pi: gamma[0] ?? m.pi, a, means, variances }, logLikelihood: f.logLikelihood };
}
