/** @module Rounding for output files: fixed decimals keep logs short, readable and byte-stable across runs. */

export const round = (n: number, decimals: number): number => {
  const f = 10 ** decimals;
  const r = Math.round(n * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
