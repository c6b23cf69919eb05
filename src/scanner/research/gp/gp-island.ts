/**
 * @module One island of the GP run: a population of rules evolved generation by generation (tournament
 * selection where ties go to the smaller rule, subtree crossover, mutation, the best two kept unchanged).
 * The state is plain data, checkpointed after every generation, so an interrupted run resumes where it stopped
 * and ends exactly as an uninterrupted one would.
 */
import { createRng, type Rng, type RngState } from '../random/rng.ts';
import type { Thresholds } from './gp-data.ts';
import type { GpOptions } from './gp-options.ts';
import { crossover, mutate, randomRule } from './random-rule.ts';
import { ruleSize, type Rule } from './rule.ts';

export interface GpState {
  readonly generation: number;
  readonly population: readonly Rule[];
  readonly fitness: readonly number[];
  readonly rng: RngState;
}

export type RuleFitness = (rule: Rule) => number;

const ELITE = 2;
const TOURNAMENT = 4;
const CROSSOVER = 0.8;

/** Better fitness first; then the smaller rule (parsimony among equals); then the earlier index. */
function better(
  s: { population: readonly Rule[]; fitness: readonly number[] },
  i: number,
  j: number,
): boolean {
  const fi = s.fitness[i] ?? -Infinity;
  const fj = s.fitness[j] ?? -Infinity;
  if (fi !== fj) return fi > fj;
  const si = ruleSize(s.population[i] as Rule);
  const sj = ruleSize(s.population[j] as Rule);
  return si !== sj ? si < sj : i < j;
}

function select(rng: Rng, s: GpState): Rule {
  let best = rng.int(s.population.length);
  for (let k = 1; k < TOURNAMENT; k += 1) {
    const c = rng.int(s.population.length);
    if (better(s, c, best)) best = c;
  }
  return s.population[best] as Rule;
}

/** Indices from best to worst. */
export function ranking(s: { population: readonly Rule[]; fitness: readonly number[] }): number[] {
  return s.population
    .map((_, i) => i)
    .sort((i, j) => (better(s, i, j) ? -1 : better(s, j, i) ? 1 : 0));
}

/** Generation 0: ramped half-and-half, depths 1..max. */
export function gpInit(
  o: GpOptions,
  th: Thresholds,
  seed: RngState,
  fitness: RuleFitness,
): GpState {
  const rng = createRng(seed);
  const population = Array.from({ length: o.population }, (_, i) => {
    const depth = 1 + (i % Math.max(1, o.maxDepth));
    return randomRule(rng, th, Math.min(depth, o.maxDepth), i % 2 === 0);
  });
  return { generation: 0, population, fitness: population.map(fitness), rng: rng.state() };
}

export function gpStep(o: GpOptions, th: Thresholds, s: GpState, fitness: RuleFitness): GpState {
  const rng = createRng(s.rng);
  const order = ranking(s);
  const next: Rule[] = order
    .slice(0, Math.min(ELITE, o.population))
    .map((i) => s.population[i] as Rule);
  const scores: number[] = order.slice(0, next.length).map((i) => s.fitness[i] ?? -Infinity);
  while (next.length < o.population) {
    const parent = select(rng, s);
    const child =
      rng.next() < CROSSOVER
        ? crossover(rng, parent, select(rng, s), o.maxDepth)
        : mutate(rng, th, parent, o.maxDepth);
    next.push(child);
    scores.push(fitness(child));
  }
  return { generation: s.generation + 1, population: next, fitness: scores, rng: rng.state() };
}

/** Runs generations up to `o.generations`, reporting each new state (to checkpoint it). */
export function gpEvolve(
  o: GpOptions,
  th: Thresholds,
  start: GpState,
  fitness: RuleFitness,
  onGeneration?: (s: GpState) => void,
): GpState {
  let state = start;
  while (state.generation < o.generations) {
    state = gpStep(o, th, state, fitness);
    onGeneration?.(state);
  }
  return state;
}
