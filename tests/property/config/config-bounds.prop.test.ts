/**
 * Invariants of the configuration's ranges (config/schema.ts), over every number key of the schema:
 * - every number key has a range; every value inside it is accepted and read back unchanged;
 * - every value outside it (below, above, at an open end, a fraction for an integer key, NaN, infinities, a
 *   string) is refused with a ConfigError naming the key path and the range it expected;
 * - the VIX thresholds are accepted exactly when strictly increasing, and a refusal names the key out of order;
 * - the enabled strategies' allocations are accepted exactly when they sum to 100;
 * - the intraday gap fill's band is accepted exactly when its minimum is below its maximum.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { NumberRange } from '../../../src/config/bounded-number.ts';
import { ConfigError, validateConfig } from '../../../src/config/load-config.ts';
import { STRATEGY_NAMES, type StrategyName } from '../../../src/config/schema.ts';
import { documentWith, leafKeys, valueAt } from '../../support/config-keys.ts';

const NUMBER_KEYS = leafKeys().flatMap((k) =>
  k.range === undefined ? [] : [{ path: k.path, range: k.range }],
);
/** Keys whose valid values also depend on other keys: covered by their own properties below. */
const CROSS_FIELD =
  /^(vix_regimes\.(low_below|high_from|extreme_from)|strategies\.\w+\.allocation_pct|intraday\.intraday_gap_fill\.(min|max)_gap_pct)$/;
const key = (path: readonly string[]): string => path.join('.');

function low(r: NumberRange): { value: number; open: boolean } {
  return r.bounds.gt === undefined
    ? { value: r.bounds.gte, open: false }
    : { value: r.bounds.gt, open: true };
}
function high(r: NumberRange): { value: number; open: boolean } {
  return r.bounds.lt === undefined
    ? { value: r.bounds.lte, open: false }
    : { value: r.bounds.lt, open: true };
}

function inside(r: NumberRange): fc.Arbitrary<number> {
  const [lo, hi] = [low(r), high(r)];
  if (r.integer)
    return fc.integer({
      min: lo.open ? Math.floor(lo.value) + 1 : Math.ceil(lo.value),
      max: hi.open ? Math.ceil(hi.value) - 1 : Math.floor(hi.value),
    });
  const closedEnds = [lo, hi].filter((end) => !end.open).map((end) => fc.constant(end.value));
  return fc.oneof(
    fc.double({
      min: lo.value,
      max: hi.value,
      minExcluded: lo.open,
      maxExcluded: hi.open,
      noNaN: true,
    }),
    ...closedEnds,
  );
}

function outside(r: NumberRange): fc.Arbitrary<unknown> {
  const [lo, hi] = [low(r), high(r)];
  const fraction = fc
    .double({ min: lo.value, max: hi.value, noNaN: true })
    .filter((x) => !Number.isInteger(x));
  return fc.oneof(
    // Compared as numbers: fast-check orders -0 below 0, the schema (rightly) does not.
    fc
      .double({ max: lo.value, noNaN: true })
      .filter((x) => (lo.open ? x <= lo.value : x < lo.value)),
    fc
      .double({ min: hi.value, noNaN: true })
      .filter((x) => (hi.open ? x >= hi.value : x > hi.value)),
    ...(r.integer ? [fraction] : []),
    fc.constantFrom(NaN, Infinity, -Infinity, '5', true),
  );
}

const refusal = (doc: unknown): string => {
  try {
    validateConfig(doc, 'config.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('config ranges', () => {
  it('every number key of the schema has a range', () => {
    const unbounded = leafKeys().filter(
      (k) => k.schema.def.type === 'number' && k.range === undefined,
    );
    expect(unbounded.map((k) => key(k.path))).toEqual([]);
    expect(NUMBER_KEYS.length).toBeGreaterThan(50);
  });

  const ranged = NUMBER_KEYS.filter((k) => !CROSS_FIELD.test(key(k.path)));
  test.prop([fc.constantFrom(...ranged).chain((k) => fc.tuple(fc.constant(k), inside(k.range)))], {
    numRuns: 1_000,
  })('every value inside a key range is accepted and read back unchanged', ([k, value]) => {
    expect(valueAt(validateConfig(documentWith(k.path, value), 'config.yaml'), k.path)).toBe(value);
  });

  test.prop(
    [fc.constantFrom(...NUMBER_KEYS).chain((k) => fc.tuple(fc.constant(k), outside(k.range)))],
    { numRuns: 1_000 },
  )('every value outside a key range is refused, naming the key and its range', ([k, value]) => {
    expect(refusal(documentWith(k.path, value))).toContain(
      `${key(k.path)}: expected ${k.range.text}, found `,
    );
  });
});

const level = fc.double({ min: 0, max: 150, minExcluded: true, noNaN: true });

test.prop([level, level, level])(
  'VIX thresholds are accepted exactly when strictly increasing',
  (a, b, c) => {
    const message = refusal({ vix_regimes: { low_below: a, high_from: b, extreme_from: c } });
    expect(message === 'accepted').toBe(a < b && b < c);
    if (!(a < b))
      expect(message).toContain(
        `vix_regimes.high_from: expected a level above vix_regimes.low_below (${a}), found number`,
      );
    if (!(b < c))
      expect(message).toContain(
        `vix_regimes.extreme_from: expected a level above vix_regimes.high_from (${b}), found number`,
      );
  },
);

const gap = fc.double({ min: 0, max: 50, minExcluded: true, noNaN: true });

test.prop([gap, gap])(
  'the intraday gap band is accepted exactly when min_gap_pct < max_gap_pct',
  (min, max) => {
    const message = refusal({
      intraday: { intraday_gap_fill: { min_gap_pct: min, max_gap_pct: max } },
    });
    expect(message === 'accepted').toBe(min < max);
    if (!(min < max))
      expect(message).toContain(
        `intraday.intraday_gap_fill.max_gap_pct: expected a gap above intraday.intraday_gap_fill.min_gap_pct (${min}), found number`,
      );
  },
);

const strategies = fc.record(
  Object.fromEntries(
    STRATEGY_NAMES.map((n) => [
      n,
      fc.record({ enabled: fc.boolean(), allocation_pct: fc.integer({ min: 0, max: 100 }) }),
    ]),
  ) as Record<StrategyName, fc.Arbitrary<{ enabled: boolean; allocation_pct: number }>>,
);

/** Allocations that do sum to 100: 100 split at random cut points among the enabled strategies. */
const summingTo100 = fc
  .tuple(
    fc.subarray([...STRATEGY_NAMES], { minLength: 1 }),
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }),
  )
  .map(([enabled, cuts]) => {
    const points = [0, ...cuts.slice(0, enabled.length - 1).sort((x, y) => x - y), 100];
    return Object.fromEntries(
      STRATEGY_NAMES.map((n) => {
        const i = enabled.indexOf(n);
        return [
          n,
          i < 0
            ? { enabled: false, allocation_pct: 50 }
            : { enabled: true, allocation_pct: (points[i + 1] ?? 0) - (points[i] ?? 0) },
        ];
      }),
    );
  });

test.prop([fc.oneof(strategies, summingTo100)])(
  'strategy allocations are accepted exactly when the enabled ones sum to 100',
  (s) => {
    const sum = Object.values(s).reduce(
      (total, x) => total + (x.enabled ? x.allocation_pct : 0),
      0,
    );
    const message = refusal({ strategies: s });
    expect(message === 'accepted').toBe(sum === 100);
    if (sum !== 100)
      expect(message).toContain(
        'strategies: expected the allocation_pct of the enabled strategies to sum to 100, found ',
      );
  },
);
