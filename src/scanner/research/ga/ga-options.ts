/** @module The genetic algorithm's settings, from `research.ga` in config. */
import type { Config } from '../../../config/schema.ts';

export interface GaOptions {
  readonly population: number;
  readonly generations: number;
  /** Chance that two parents are crossed (uniform crossover) rather than copied, 0..1. */
  readonly crossover: number;
  /** The starting mutation rate per gene, 0..1; it adapts between a fifth and three times this. */
  readonly mutation: number;
  /** Best individuals copied unchanged into the next generation. */
  readonly elite: number;
  /** Tournament size for parent selection. */
  readonly tournament: number;
}

export const gaOptions = (config: Pick<Config, 'research'>): GaOptions => {
  const g = config.research.ga;
  return {
    population: g.population,
    generations: g.generations,
    crossover: g.crossover_pct / 100,
    mutation: g.mutation_pct / 100,
    elite: Math.min(g.elite, g.population - 1),
    tournament: g.tournament,
  };
};
