/**
 * Discovered rules.
 * Invariants:
 * - bloat control: crossover and mutation never make a rule deeper than the limit, and generation respects it;
 * - a rule's size counts its nodes and its depth is at most its size;
 * - no lookahead: a rule's signals up to day D are the same on a series cut at D;
 * - a rule reads the same text after a trip through JSON (checkpoints and candidate files).
 */
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { indicatorSet } from '../../../src/scanner/indicator-set.ts';
import { crossover, mutate, randomRule } from '../../../src/scanner/research/gp/random-rule.ts';
import {
  featureColumns,
  ruleDepth,
  ruleSignals,
  ruleSize,
  ruleText,
  type Rule,
} from '../../../src/scanner/research/gp/rule.ts';
import { seededRng } from '../../../src/scanner/research/random/rng.ts';
import { truncateSeries } from '../../../src/scanner/series.ts';
import { FEATURES, FEATURE_SPECS } from '../../../src/scanner/research/gp/features.ts';
import { randomMarket } from '../scanner/random-market.ts';

const thresholds = Object.fromEntries(
  FEATURES.flatMap((f) =>
    FEATURE_SPECS[f].periods.map((p) => [`${f}:${p}`, [-2, -1, 0, 1, 2, 20, 50, 80]]),
  ),
);

describe('GP rules', () => {
  test.prop([fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 6 })])(
    'never grow past the depth limit',
    (seed, maxDepth) => {
      const rng = seededRng(seed);
      let a: Rule = randomRule(rng, thresholds, maxDepth, true);
      const b: Rule = randomRule(rng, thresholds, maxDepth);
      expect(ruleDepth(a)).toBeLessThanOrEqual(maxDepth);
      for (let k = 0; k < 20; k += 1) {
        a = k % 2 === 0 ? crossover(rng, a, b, maxDepth) : mutate(rng, thresholds, a, maxDepth);
        expect(ruleDepth(a)).toBeLessThanOrEqual(maxDepth);
        expect(ruleDepth(a)).toBeLessThanOrEqual(ruleSize(a));
      }
      expect(ruleText(JSON.parse(JSON.stringify(a)) as Rule)).toBe(ruleText(a));
    },
  );

  test.prop(
    [
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 1, max: 1e6 }),
      fc.integer({ min: 210, max: 398 }),
    ],
    { numRuns: 30 },
  )('read no bar after the day they signal on', (ruleSeed, marketSeed, d) => {
    const series = randomMarket(marketSeed, 400).series.get('AAPL')!;
    const rule = randomRule(seededRng(ruleSeed), thresholds, 3);
    const full = ruleSignals(
      rule,
      series.close.length,
      featureColumns(series, indicatorSet(series)),
    );
    const cut = truncateSeries(series, d + 1);
    const past = ruleSignals(rule, cut.close.length, featureColumns(cut, indicatorSet(cut)));
    expect(Array.from(past)).toEqual(Array.from(full.subarray(0, d + 1)));
  });
});
