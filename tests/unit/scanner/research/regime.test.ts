/**
 * The regime model:
 * - on data drawn from a known two-state hidden Markov model, Baum–Welch recovers the states' means and
 *   Viterbi recovers the path (>= 95% of days), with states ordered calm first;
 * - Baum–Welch never lowers the log-likelihood;
 * - trained on a market (SPY + the VIX proxy), it writes a versioned model whose regime `currentRegime` reads;
 * - a model of another version is refused with a clear error; no model reads as null.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { researchPaths } from '../../../../src/scanner/research/io/research-paths.ts';
import { seededRng } from '../../../../src/scanner/research/random/rng.ts';
import { currentRegime } from '../../../../src/scanner/research/regime/current-regime.ts';
import { fitHmm, initialHmm } from '../../../../src/scanner/research/regime/fit-hmm.ts';
import { baumWelchStep } from '../../../../src/scanner/research/regime/gaussian-hmm.ts';
import { viterbi } from '../../../../src/scanner/research/regime/viterbi.ts';
import {
  RegimeModelError,
  writeRegimeModel,
} from '../../../../src/scanner/research/regime/regime-model-file.ts';
import { trainRegime } from '../../../../src/scanner/research/regime/train-regime.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const dir = mkdtempSync(join(tmpdir(), 'strikeline-regime-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Two regimes: calm (small returns, VIX ~ 14) and stressed (large returns, VIX ~ 30), sticky. */
function twoStateSample(seed: number, n: number): { xs: number[][]; states: number[] } {
  const r = seededRng(seed);
  const xs: number[][] = [];
  const states: number[] = [];
  let s = 0;
  for (let t = 0; t < n; t += 1) {
    if (r.next() < 0.02) s = 1 - s;
    states.push(s);
    xs.push(
      s === 0
        ? [0.05 + 0.7 * r.normal(), Math.log(14) + 0.1 * r.normal()]
        : [-0.1 + 2.2 * r.normal(), Math.log(30) + 0.12 * r.normal()],
    );
  }
  return { xs, states };
}

describe('regime model', () => {
  it('recovers a known two-state model', () => {
    const { xs, states } = twoStateSample(3, 2000);
    const fit = fitHmm(xs, 2, 1, 200);
    expect(fit.converged).toBe(true);
    expect(fit.model.means[0]![1]).toBeCloseTo(Math.log(14), 1);
    expect(fit.model.means[1]![1]).toBeCloseTo(Math.log(30), 1);
    expect(Math.sqrt(fit.model.variances[1]![0]!)).toBeCloseTo(2.2, 0);
    expect(fit.model.a[0]![0]).toBeGreaterThan(0.95);
    const path = viterbi(fit.model, xs);
    expect(path.filter((s, t) => s === states[t]).length / xs.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never lowers the log-likelihood from one Baum–Welch iteration to the next', () => {
    for (const seed of [1, 2, 3]) {
      const { xs } = twoStateSample(seed, 600);
      let model = initialHmm(xs, 3, 1);
      let previous = -Infinity;
      for (let k = 0; k < 15; k += 1) {
        const step = baumWelchStep(model, xs);
        expect(step.logLikelihood).toBeGreaterThanOrEqual(previous - 1e-6);
        previous = step.logLikelihood;
        model = step.model;
      }
    }
  });

  it('trains on a market and writes a model the rest of the system reads', () => {
    const market = plantedMarket({ seed: 9, symbols: 1, sessions: 900 });
    const settings = {
      vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
      marketSymbol: 'SPY',
      sectors: STATIC_SECTORS,
      fundamentals: null,
    };
    const model = trainRegime(market, settings, { states: 3, iterations: 100, trainYears: 10 });
    expect(model.labels).toEqual(['calm', 'normal', 'stressed']);
    expect(model.trained.observations).toBe(899);
    expect(model.occupancy.reduce((a, b) => a + b, 0)).toBe(899);
    expect(model.current.date).toBe(market.dates.at(-1));
    expect(model.current.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(trainRegime(market, settings, { states: 3, iterations: 100, trainYears: 10 })).toEqual(
      model,
    );
    expect(currentRegime(dir)).toBeNull();
    writeRegimeModel(researchPaths(dir).regimeModel, model);
    expect(currentRegime(dir)).toMatchObject({
      label: model.current.label,
      asOf: model.current.date,
      trainedThrough: model.trained.through,
    });
  });

  it('refuses a model file of another version, saying what to do', () => {
    const root = join(dir, 'v2');
    const file = researchPaths(root).regimeModel;
    mkdirSync(join(root, 'research', 'regime'), { recursive: true });
    writeFileSync(file, JSON.stringify({ format: 'strikeline-regime-hmm', version: 2 }));
    expect(() => currentRegime(root)).toThrow(RegimeModelError);
    expect(() => currentRegime(root)).toThrow(
      /regime model .*model\.json is strikeline-regime-hmm version 2; this strikeline reads strikeline-regime-hmm version 1: retrain it with: strikeline research --task regime/,
    );
  });
});
