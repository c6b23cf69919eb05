/** @module Exhaustive search of a parameter grid: the best fitness wins, ties go to the first in grid order. */
import { enumerateGrid, type ParameterSpec, type ParamValues } from '../params/parameter-spec.ts';

export interface Choice {
  readonly params: ParamValues;
  readonly fitness: number;
}

export function gridSearch(
  specs: readonly ParameterSpec[],
  fitness: (p: ParamValues) => number,
): Choice {
  let best: Choice | undefined;
  for (const params of enumerateGrid(specs)) {
    const f = fitness(params);
    if (best === undefined || f > best.fitness) best = { params, fitness: f };
  }
  if (best === undefined) throw new Error('gridSearch: an empty parameter space');
  return best;
}
