/**
 * @module An adaptive genetic algorithm over a ParameterSpec grid. A genome holds one grid index per parameter;
 * parents are chosen by tournament, crossed uniformly, mutated gene by gene (a step of one or two grid points, or
 * now and then a fresh value) at a rate that adapts to the population's diversity; the elite survive unchanged.
 * The state is plain data (genomes, fitness, rate, the generator's state), so a checkpoint restores a run
 * exactly, and the same seed gives the same run.
 */
import { gridValues, type ParameterSpec, type ParamValues } from '../params/parameter-spec.ts';
import { createRng, type Rng, type RngState } from '../random/rng.ts';
import { adaptRate, diversity } from './adaptive-rate.ts';
import type { GaOptions } from './ga-options.ts';

export type Genome = readonly number[];

export interface GaState {
  readonly generation: number;
  readonly population: readonly Genome[];
  readonly fitness: readonly number[];
  readonly rate: number;
  readonly rng: RngState;
}

export type GenomeFitness = (params: ParamValues) => number;

export const decode = (specs: readonly ParameterSpec[], genome: Genome): ParamValues =>
  Object.fromEntries(specs.map((s, k) => [s.name, gridValues(s)[genome[k] ?? 0] ?? s.default]));

const sizes = (specs: readonly ParameterSpec[]): number[] => specs.map((s) => gridValues(s).length);

/** The fittest index; ties go to the lower index, so order alone decides (deterministic). */
function fittest(fitness: readonly number[], among: readonly number[]): number {
  let best = among[0] ?? 0;
  for (const i of among) if ((fitness[i] ?? -Infinity) > (fitness[best] ?? -Infinity)) best = i;
  return best;
}

function tournament(rng: Rng, fitness: readonly number[], size: number): number {
  return fittest(
    fitness,
    Array.from({ length: size }, () => rng.int(fitness.length)),
  );
}

function mutate(rng: Rng, genome: Genome, grid: readonly number[], rate: number): number[] {
  return genome.map((g, k) => {
    const n = grid[k] ?? 1;
    if (n < 2 || rng.next() >= rate) return g;
    if (rng.next() < 0.2) return rng.int(n);
    const step = (rng.next() < 0.5 ? -1 : 1) * (1 + rng.int(2));
    return Math.min(n - 1, Math.max(0, g + step));
  });
}

/** Generation 0: the seeds given (a warm start), then random genomes, all evaluated. */
export function gaInit(
  specs: readonly ParameterSpec[],
  o: GaOptions,
  rngState: RngState,
  fitness: GenomeFitness,
  seeds: readonly Genome[] = [],
): GaState {
  const rng = createRng(rngState);
  const grid = sizes(specs);
  const population = Array.from(
    { length: o.population },
    (_, i) => seeds[i] ?? grid.map((n) => rng.int(n)),
  );
  return {
    generation: 0,
    population,
    fitness: population.map((g) => fitness(decode(specs, g))),
    rate: o.mutation,
    rng: rng.state(),
  };
}

export function gaStep(
  specs: readonly ParameterSpec[],
  o: GaOptions,
  state: GaState,
  fitness: GenomeFitness,
): GaState {
  const rng = createRng(state.rng);
  const grid = sizes(specs);
  const ranked = state.population
    .map((_, i) => i)
    .sort((a, b) => (state.fitness[b] ?? -Infinity) - (state.fitness[a] ?? -Infinity) || a - b);
  const next: Genome[] = ranked.slice(0, o.elite).map((i) => state.population[i] ?? []);
  const scores: number[] = ranked.slice(0, o.elite).map((i) => state.fitness[i] ?? -Infinity);
  while (next.length < o.population) {
    const a = state.population[tournament(rng, state.fitness, o.tournament)] ?? [];
    const b = state.population[tournament(rng, state.fitness, o.tournament)] ?? [];
    const child =
      rng.next() < o.crossover ? a.map((g, k) => (rng.next() < 0.5 ? g : (b[k] ?? g))) : [...a];
    const mutated = mutate(rng, child, grid, state.rate);
    next.push(mutated);
    scores.push(fitness(decode(specs, mutated)));
  }
  return {
    generation: state.generation + 1,
    population: next,
    fitness: scores,
    rate: adaptRate(state.rate, o.mutation, diversity(next)),
    rng: rng.state(),
  };
}

export interface GaResult {
  readonly best: ParamValues;
  readonly bestGenome: Genome;
  readonly fitness: number;
  readonly state: GaState;
}

/** Runs the remaining generations of `state` and returns the fittest individual of the last population. */
export function gaFinish(
  specs: readonly ParameterSpec[],
  o: GaOptions,
  start: GaState,
  fitness: GenomeFitness,
): GaResult {
  let state = start;
  while (state.generation < o.generations) state = gaStep(specs, o, state, fitness);
  const i = fittest(
    state.fitness,
    state.population.map((_, k) => k),
  );
  const bestGenome = state.population[i] ?? [];
  return {
    best: decode(specs, bestGenome),
    bestGenome,
    fitness: state.fitness[i] ?? -Infinity,
    state,
  };
}
