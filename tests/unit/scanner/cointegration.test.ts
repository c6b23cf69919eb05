import { describe, expect, it } from 'vitest';
import {
  engleGranger,
  engleGrangerCritical,
  olsHedge,
} from '../../../src/scanner/indicators/cointegration.ts';
import { rng } from '../../property/scanner/random-market.ts';

const normal = (r: () => number): number =>
  Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

function randomWalk(seed: number, n: number): number[] {
  const r = rng(seed);
  let x = 0;
  return Array.from({ length: n }, () => (x += normal(r)));
}

describe('Engle-Granger cointegration', () => {
  it('recovers the hedge ratio of y = 1 + 2x exactly', () => {
    const x = randomWalk(1, 100);
    const { alpha, beta } = olsHedge(
      x.map((v) => 1 + 2 * v),
      x,
      0,
      100,
    );
    expect(alpha).toBeCloseTo(1, 10);
    expect(beta).toBeCloseTo(2, 10);
  });

  it('finds a random walk plus stationary noise cointegrated with the walk', () => {
    const x = randomWalk(7, 252);
    const r = rng(99);
    const y = x.map((v) => 0.5 + 1.5 * v + 0.5 * normal(r));
    const eg = engleGranger(y, x, 0, 252);
    expect(eg.beta).toBeCloseTo(1.5, 1);
    expect(eg.tStat).toBeLessThan(eg.critical);
    expect(eg.cointegrated).toBe(true);
  });

  it('rejects most pairs of independent random walks (the test holds its 5% size)', () => {
    let found = 0;
    for (let k = 0; k < 40; k += 1)
      if (engleGranger(randomWalk(1000 + k, 252), randomWalk(2000 + k, 252), 0, 252).cointegrated)
        found += 1;
    expect(found).toBeLessThanOrEqual(6);
  });

  it("uses MacKinnon's 5% critical value for two variables with a constant", () => {
    expect(engleGrangerCritical(1e9)).toBeCloseTo(-3.3377, 4);
    expect(engleGrangerCritical(251)).toBeCloseTo(-3.3377 - 5.967 / 251 - 8.98 / 251 ** 2, 10);
  });
});
