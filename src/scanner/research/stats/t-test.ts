/**
 * @module The one-sided one-sample t-test the verdict runs on out-of-sample excess returns per trade:
 * H0 "the mean is <= 0" against H1 "the mean is > 0". Trades are sequential and never overlap (one position at
 * a time), which is what the test's independence assumption needs most.
 */
import { studentTUpperTail } from './student-t.ts';

export interface TTest {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  readonly sd: number;
  /** mean / (sd / sqrt(n)); null when undefined (n < 2, or no variation). */
  readonly t: number | null;
  /** P(T > t) under H0; 1 when the test cannot be run (n < 2), 0 or 1 for a constant sample. */
  readonly p: number;
}

export function oneSidedTTest(xs: ArrayLike<number>): TTest {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += xs[i] as number;
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i += 1) ss += ((xs[i] as number) - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  if (n < 2) return { n, mean, sd, t: null, p: 1 };
  // A sample with no variation (to rounding) has no standard error: all-positive proves nothing either.
  if (sd <= 1e-12 * Math.max(1, Math.abs(mean))) return { n, mean, sd: 0, t: null, p: 1 };
  const t = mean / (sd / Math.sqrt(n));
  return { n, mean, sd, t, p: studentTUpperTail(t, n - 1) };
}
