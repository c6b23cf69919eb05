/** @module Where a series' finite values begin: kernels skip a leading NaN prefix (e.g. returns' first day). */
import { outputArray } from './output-array.ts';

/** Index of the first finite value, or the length when there is none. */
export function firstFinite(values: ArrayLike<number>): number {
  const n = values.length;
  for (let i = 0; i < n; i += 1) {
    if (Number.isFinite(values[i])) return i;
  }
  return n;
}

/** A Float64Array of length n filled with NaN: the kernels' "not warm yet" marker. */
export function nanArray(n: number): Float64Array {
  return outputArray(n).fill(Number.NaN);
}
