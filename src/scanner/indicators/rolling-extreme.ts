/** @module Rolling highest / lowest over `window` values, O(n) with a monotonic deque of indices. */
import { nanArray } from './first-finite.ts';

function rollingExtreme(
  values: ArrayLike<number>,
  window: number,
  better: (a: number, b: number) => boolean,
): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  const deque = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i += 1) {
    const v = values[i] as number;
    while (tail > head && !better(values[deque[tail - 1] as number] as number, v)) tail -= 1;
    deque[tail] = i;
    tail += 1;
    if ((deque[head] as number) <= i - window) head += 1;
    if (i >= window - 1) out[i] = values[deque[head] as number] as number;
  }
  return out;
}

/** out[i] = max(values[i - window + 1 .. i]). */
export const rollingMax = (values: ArrayLike<number>, window: number): Float64Array =>
  rollingExtreme(values, window, (a, b) => a > b);

/** out[i] = min(values[i - window + 1 .. i]). */
export const rollingMin = (values: ArrayLike<number>, window: number): Float64Array =>
  rollingExtreme(values, window, (a, b) => a < b);
