/** @module The most likely state path of a Gaussian HMM (Viterbi, in log space). */
import { logEmission, type Hmm, type Observations } from './gaussian-hmm.ts';

/** The most likely state path (log-space Viterbi). */
export function viterbi(m: Hmm, xs: Observations): number[] {
  const K = m.pi.length;
  const logA = m.a.map((row) => row.map((p) => Math.log(p)));
  let delta = Array.from(
    { length: K },
    (_, k) => Math.log(m.pi[k] as number) + logEmission(m, k, xs[0] ?? []),
  );
  const back: number[][] = [];
  for (let t = 1; t < xs.length; t += 1) {
    const from: number[] = [];
    delta = Array.from({ length: K }, (_, j) => {
      let best = 0;
      for (let i = 1; i < K; i += 1)
        if (
          (delta[i] as number) + ((logA[i] as number[])[j] as number) >
          (delta[best] as number) + ((logA[best] as number[])[j] as number)
        )
          best = i;
      from.push(best);
      return (
        (delta[best] as number) +
        ((logA[best] as number[])[j] as number) +
        logEmission(m, j, xs[t] as readonly number[])
      );
    });
    back.push(from);
  }
  const path = new Array<number>(xs.length).fill(0);
  let state = delta.indexOf(Math.max(...delta));
  for (let t = xs.length - 1; t >= 0; t -= 1) {
    path[t] = state;
    if (t > 0) state = (back[t - 1] as number[])[state] as number;
  }
  return path;
}
