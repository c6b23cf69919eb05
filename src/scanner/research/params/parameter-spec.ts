/**
 * @module Seed 001's ParameterSpec: a strategy's tunable parameter as a name, a range and a step, with the
 * default the strategy ships with. The walk-forward optimiser and the genetic algorithm search only the grid
 * these define, so every value they can choose is one a person can read in the strategy's declaration.
 */

export interface ParameterSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The value the strategy uses when nothing was optimised (on the grid). */
  readonly default: number;
}

export type ParamValues = Readonly<Record<string, number>>;

/** Decimals of a step (0.25 -> 2), so grid values print and compare exactly. */
const decimalsOf = (step: number): number => {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
};

const roundTo = (x: number, decimals: number): number => Number(x.toFixed(decimals));

/** The grid of one parameter: min, min + step, ... up to max, rounded to the step's decimals. */
export function gridValues(spec: ParameterSpec): number[] {
  const d = decimalsOf(spec.step);
  const count = Math.floor((spec.max - spec.min) / spec.step + 1e-9) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, k) => roundTo(spec.min + k * spec.step, d));
}

export const defaultParams = (specs: readonly ParameterSpec[]): ParamValues =>
  Object.fromEntries(specs.map((s) => [s.name, s.default]));

/** Every combination of the grids, the first parameter varying slowest (a fixed, documented order). */
export function enumerateGrid(specs: readonly ParameterSpec[]): ParamValues[] {
  let combos: Array<Record<string, number>> = [{}];
  for (const spec of specs) {
    const values = gridValues(spec);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [spec.name]: v })));
  }
  return combos;
}

/** A stable text key of a parameter set, in the specs' order: `window=20,entry_z=-2`. */
export const paramKey = (specs: readonly ParameterSpec[], values: ParamValues): string =>
  specs.map((s) => `${s.name}=${values[s.name] ?? s.default}`).join(',');

/** Why a declared space is unusable (bad range, step, or a default off the grid), or null. */
export function specProblem(spec: ParameterSpec): string | null {
  if (!(spec.step > 0)) return `${spec.name}: step must be > 0`;
  if (!(spec.min <= spec.max)) return `${spec.name}: min ${spec.min} is above max ${spec.max}`;
  if (!gridValues(spec).includes(spec.default))
    return `${spec.name}: default ${spec.default} is not on the grid ${spec.min}..${spec.max} step ${spec.step}`;
  return null;
}

/** Whether `values` names exactly the specs' parameters, each on its grid. */
export function onGrid(specs: readonly ParameterSpec[], values: ParamValues): boolean {
  const names = Object.keys(values);
  return (
    names.length === specs.length &&
    specs.every(
      (s) => values[s.name] !== undefined && gridValues(s).includes(values[s.name] as number),
    )
  );
}

/** A parameter's value; a missing name is a programming error, never a silent NaN. */
export function paramOf(values: ParamValues, name: string): number {
  const v = values[name];
  if (v === undefined)
    throw new Error(`parameter ${name} is missing from ${JSON.stringify(values)}`);
  return v;
}
