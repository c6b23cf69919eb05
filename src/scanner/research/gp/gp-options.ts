/** @module Genetic programming's settings, from `research.gp` in config. */
import type { Config } from '../../../config/schema.ts';

export interface GpOptions {
  readonly islands: number;
  readonly population: number;
  readonly generations: number;
  /** Deepest rule tree allowed (a comparison is depth 1). */
  readonly maxDepth: number;
  /** Fitness lost per node: the pressure against bloat. */
  readonly parsimony: number;
  /** Share of the session grid used for fitness, 0..1; the rest validates out of sample. */
  readonly inSample: number;
  readonly maxCandidates: number;
}

export const gpOptions = (config: Pick<Config, 'research'>): GpOptions => {
  const g = config.research.gp;
  return {
    islands: g.islands,
    population: g.population,
    generations: g.generations,
    maxDepth: g.max_depth,
    parsimony: g.parsimony,
    inSample: g.in_sample_pct / 100,
    maxCandidates: g.max_candidates,
  };
};
