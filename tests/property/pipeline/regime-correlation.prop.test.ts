/**
 * Invariants of the VIX regime and the correlation attenuation (domain/rules/pipeline/):
 * - the regime is monotone in the VIX level, each level in exactly one regime, scalars and heat from the settings;
 * - breakout strategies are blocked exactly from high_from, other strategies never;
 * - attenuation is 1 up to 0.5, monotone non-increasing, within [0.25, 1] up to 0.8 and 0 above;
 * - a pair's correlation is the higher window, within [-1, 1]; a series against itself is 1 (rejected).
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import {
  attenuation,
  correlationVerdict,
  pairCorrelation,
  type DailyClose,
} from '../../../src/domain/rules/pipeline/correlation.ts';
import {
  classifyRegime,
  REGIME_NAMES,
  regimeBlock,
  type RegimeSettings,
} from '../../../src/domain/rules/pipeline/vix-regime.ts';

const SETTINGS: RegimeSettings = {
  lowBelow: 15,
  highFrom: 25,
  extremeFrom: 35,
  scalar: { low: 1.2, normal: 1, high: 0.7, extreme: 0.4 },
  heatPct: { low: 40, normal: 30, high: 20, extreme: 20 },
  breakoutStrategies: ['relative_volume_breakout'],
};
const vix = fc.double({ min: 0.01, max: 150, noNaN: true });

test.prop([vix, vix])('the regime is monotone in the VIX level', (a, b) => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  expect(REGIME_NAMES.indexOf(classifyRegime(lo, SETTINGS).name)).toBeLessThanOrEqual(
    REGIME_NAMES.indexOf(classifyRegime(hi, SETTINGS).name),
  );
});

test.prop([vix])('thresholds, scalars and heat limits come from the settings', (v) => {
  const r = classifyRegime(v, SETTINGS);
  const expected = v < 15 ? 'low' : v < 25 ? 'normal' : v < 35 ? 'high' : 'extreme';
  expect(r.name).toBe(expected);
  expect(r.scalar).toBe(SETTINGS.scalar[expected]);
  expect(r.heatLimitPct).toBe(SETTINGS.heatPct[expected]);
  expect(regimeBlock(r, 'relative_volume_breakout', SETTINGS) !== undefined).toBe(v >= 25);
  expect(regimeBlock(r, 'mean_reversion', SETTINGS)).toBeUndefined();
});

const corr = fc.double({ min: -1, max: 1, noNaN: true });

test.prop([corr, corr])('attenuation is monotone and bounded', (a, b) => {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  expect(attenuation(hi)).toBeLessThanOrEqual(attenuation(lo));
  const m = attenuation(a);
  if (a <= 0.5) expect(m).toBe(1);
  else if (a <= 0.8) {
    expect(m).toBeGreaterThanOrEqual(0.25 - 1e-12);
    expect(m).toBeLessThanOrEqual(1);
  } else expect(m).toBe(0);
});

const closes = (returns: readonly number[], start = 100): DailyClose[] => {
  let p = start;
  return [
    { ts: 0, close: p },
    ...returns.map((r, i) => ((p *= 1 + r), { ts: (i + 1) * 86_400_000, close: p })),
  ];
};
const returns = fc.array(
  fc.integer({ min: -100, max: 100 }).map((x) => x / 1_000),
  { minLength: 25, maxLength: 80 },
);

test.prop([returns, returns])(
  'the pair correlation is the higher window and within [-1, 1]',
  (ra, rb) => {
    const c = pairCorrelation(closes(ra), closes(rb));
    if (c === null) return;
    expect(c.value).toBeGreaterThanOrEqual(-1);
    expect(c.value).toBeLessThanOrEqual(1);
    expect([60, 20]).toContain(c.window);
  },
);

test.prop([returns])('a series against a copy of itself is rejected', (r) => {
  fc.pre(new Set(r.slice(-20)).size > 3);
  const v = correlationVerdict(closes(r), new Map([['TWIN', closes(r, 50)]]));
  expect(v.correlation).toBeCloseTo(1, 9);
  expect(v.multiplier).toBe(0);
  expect(v.with).toBe('TWIN');
});

test('no other symbol: full size', () => {
  expect(correlationVerdict(closes([0.01, -0.02, 0.03]), new Map())).toEqual({
    multiplier: 1,
    correlation: null,
    with: null,
    window: null,
  });
});
