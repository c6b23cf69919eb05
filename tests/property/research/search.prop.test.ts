/**
 * Walk-forward windows, parameter grids and the genetic algorithm.
 * Invariants:
 * - rolling folds: each out-of-sample window starts where its in-sample window ends, in-sample windows have the
 *   configured length, out-of-sample windows tile the history after the first in-sample window without gap or
 *   overlap, and nothing reaches past the data;
 * - a grid holds min, steps of `step` and nothing above max, and the default is on it; every strategy's
 *   declared space is usable (its default on its grid);
 * - the GA's adaptive rate stays between a fifth and three times the configured rate (and within 0..1);
 * - a GA generation keeps the population size, decodes to grid values only, never loses its best fitness
 *   (elitism), and is a pure function of its state (same state, same next state).
 */
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { adaptRate } from '../../../src/scanner/research/ga/adaptive-rate.ts';
import { decode, gaInit, gaStep } from '../../../src/scanner/research/ga/genetic-algorithm.ts';
import {
  gridValues,
  onGrid,
  specProblem,
  type ParameterSpec,
} from '../../../src/scanner/research/params/parameter-spec.ts';
import { rollingFolds } from '../../../src/scanner/research/wfo/folds.ts';
import { STRATEGY_NAMES } from '../../../src/config/schema.ts';
import { STRATEGIES } from '../../../src/scanner/strategies/registry.ts';
import { isParameterized } from '../../../src/scanner/strategies/strategy.ts';

describe('rolling folds', () => {
  test.prop([
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 60, max: 800 }),
    fc.integer({ min: 5, max: 300 }),
  ])(
    'tile the out-of-sample history after the first in-sample window',
    (n, start, inSample, outOfSample) => {
      const folds = rollingFolds(n, { start, inSample, outOfSample });
      folds.forEach((f, k) => {
        expect(f.isTo - f.isFrom).toBe(inSample);
        expect(f.oosFrom).toBe(f.isTo);
        expect(f.oosTo).toBeLessThanOrEqual(n);
        expect(f.oosTo).toBeGreaterThan(f.oosFrom);
        if (k > 0) expect(f.oosFrom).toBe(folds[k - 1]!.oosTo);
      });
      if (folds.length > 0) expect(folds[folds.length - 1]!.oosTo).toBe(n);
      else expect(start + inSample).toBeGreaterThanOrEqual(n);
    },
  );
});

const spec = fc
  .record({
    min: fc.integer({ min: -50, max: 50 }),
    count: fc.integer({ min: 1, max: 12 }),
    step: fc.constantFrom(0.05, 0.25, 0.5, 1, 5),
    pick: fc.nat(),
  })
  .map(({ min, count, step, pick }): ParameterSpec => {
    const max = Number((min + (count - 1) * step).toFixed(2));
    return {
      name: `p${min}_${count}`,
      min,
      max,
      step,
      default: Number((min + (pick % count) * step).toFixed(2)),
    };
  });

describe('parameter grids', () => {
  test.prop([spec])('hold min..max by step and the default', (s) => {
    const grid = gridValues(s);
    expect(grid[0]).toBe(s.min);
    expect(grid[grid.length - 1]).toBeCloseTo(s.max, 9);
    grid.slice(1).forEach((g, k) => {
      expect(g - grid[k]!).toBeCloseTo(s.step, 9);
    });
    expect(grid).toContain(s.default);
    expect(specProblem(s)).toBeNull();
  });

  it("every strategy's declared space is usable: its default, the shipped rule, is on its grid", () => {
    const declared = STRATEGY_NAMES.map((n) => STRATEGIES[n]).filter(isParameterized);
    expect(declared.map((s) => s.name)).toEqual([
      'mean_reversion',
      'relative_volume_breakout',
      'gap_fill',
      'vol_managed_momentum',
      'rsi_mean_reversion',
      'ma_crossover',
      'momentum',
    ]);
    for (const s of declared) for (const p of s.parameters) expect(specProblem(p)).toBeNull();
    expect(specProblem({ name: 'x', min: 0, max: 10, step: 3, default: 5 })).toBe(
      'x: default 5 is not on the grid 0..10 step 3',
    );
  });
});

describe('the genetic algorithm', () => {
  test.prop([
    fc.double({ min: 0.001, max: 1, noNaN: true }),
    fc.double({ min: 0.001, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])('keeps its adaptive rate within bounds', (rate, base, diversity) => {
    const next = adaptRate(rate, base, diversity);
    expect(next).toBeGreaterThanOrEqual(Math.min(base / 5, 1) - 1e-12);
    expect(next).toBeLessThanOrEqual(Math.min(1, base * 3) + 1e-12);
  });

  const options = fc.record({
    population: fc.integer({ min: 4, max: 20 }),
    generations: fc.integer({ min: 1, max: 5 }),
    crossover: fc.double({ min: 0, max: 1, noNaN: true }),
    mutation: fc.double({ min: 0.01, max: 1, noNaN: true }),
    elite: fc.integer({ min: 1, max: 3 }),
    tournament: fc.integer({ min: 2, max: 4 }),
  });

  test.prop([
    fc.array(spec, { minLength: 1, maxLength: 3 }),
    options,
    fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  ])(
    'keeps size, stays on the grid, never loses its best, and is deterministic',
    (specs, o, seed) => {
      const named = specs.map((s, k) => ({ ...s, name: `p${k}` }));
      const fitness = (p: Record<string, number>) =>
        -Object.values(p).reduce((a, v, k) => a + (v - k) ** 2, 0);
      const rng = seed.map((x) => x >>> 0) as [number, number, number, number];
      let state = gaInit(named, o, rng, fitness);
      for (let g = 0; g < o.generations; g += 1) {
        const next = gaStep(named, o, state, fitness);
        expect(gaStep(named, o, state, fitness)).toEqual(next);
        expect(next.population).toHaveLength(o.population);
        for (const genome of next.population)
          expect(onGrid(named, decode(named, genome))).toBe(true);
        expect(Math.max(...next.fitness)).toBeGreaterThanOrEqual(Math.max(...state.fitness));
        state = next;
      }
    },
  );
});
