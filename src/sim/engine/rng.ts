/** @module Seeded PRNG (mulberry32): the exchange's random choices (partial fills) repeat for the same seed and inputs. */

export interface Rng {
  /** A number in [0, 1). */
  next(): number;
}

export function createRng(seed: number): Rng {
  // Mix the seed once so that small neighbouring seeds give unrelated streams.
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
