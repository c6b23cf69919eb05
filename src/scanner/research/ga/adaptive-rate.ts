/**
 * @module The GA's adaptive mutation rate: when the population has converged (few distinct genomes) the rate
 * rises, to explore again; while it is diverse the rate falls, to exploit. It stays between a fifth and three
 * times the configured rate (and within 0..1).
 */

/** Share of distinct genomes in a population, 0..1. */
export function diversity(population: ReadonlyArray<readonly number[]>): number {
  if (population.length === 0) return 0;
  return new Set(population.map((g) => g.join(','))).size / population.length;
}

export const DIVERSITY_TARGET = 0.5;

export function adaptRate(rate: number, base: number, populationDiversity: number): number {
  const low = base / 5;
  const high = Math.min(1, base * 3);
  const next = populationDiversity < DIVERSITY_TARGET ? rate * 1.5 : rate * 0.8;
  return Math.min(high, Math.max(low, next));
}
