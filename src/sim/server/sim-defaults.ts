/** @module The simulator's option defaults, shared by startSimulator and `strikeline sim --help`. */

export const SIM_DEFAULTS = {
  seed: 42,
  cash: 100_000,
  speed: 0,
  spreadBps: 2,
  partialFillRate: 0.1,
  /** Alpaca allows 200/min; the simulator defaults high so demos and tests never meet it. */
  rateLimitPerMinute: 10_000,
} as const;
