/**
 * @module A discovered entry rule: a tree of AND / OR / NOT over comparisons of one feature with a threshold
 * (`RSI(5) < 23`) or with itself over another period (`z(10) > z(50)`). Plain data, so it travels to worker
 * threads, into checkpoints and candidate files, and reads as text.
 */
import type { IndicatorSet } from '../../indicator-set.ts';
import type { Series } from '../../series.ts';
import { FEATURE_SPECS, featureWarmup, type Feature } from './features.ts';

export type Rule =
  | {
      readonly op: 'cmp';
      readonly f: Feature;
      readonly p: number;
      readonly rel: 'gt' | 'lt';
      readonly v: number;
    }
  | {
      readonly op: 'cmp2';
      readonly f: Feature;
      readonly p: number;
      readonly q: number;
      readonly rel: 'gt' | 'lt';
    }
  | { readonly op: 'and' | 'or'; readonly a: Rule; readonly b: Rule }
  | { readonly op: 'not'; readonly a: Rule };

export function ruleSize(r: Rule): number {
  switch (r.op) {
    case 'cmp':
    case 'cmp2':
      return 1;
    case 'not':
      return 1 + ruleSize(r.a);
    case 'and':
    case 'or':
      return 1 + ruleSize(r.a) + ruleSize(r.b);
  }
}

export function ruleDepth(r: Rule): number {
  switch (r.op) {
    case 'cmp':
    case 'cmp2':
      return 1;
    case 'not':
      return 1 + ruleDepth(r.a);
    case 'and':
    case 'or':
      return 1 + Math.max(ruleDepth(r.a), ruleDepth(r.b));
  }
}

/** Bars before the rule can first be true. */
export function ruleWarmup(r: Rule): number {
  switch (r.op) {
    case 'cmp':
      return featureWarmup(r.f, r.p);
    case 'cmp2':
      return Math.max(featureWarmup(r.f, r.p), featureWarmup(r.f, r.q));
    case 'not':
      return ruleWarmup(r.a);
    case 'and':
    case 'or':
      return Math.max(ruleWarmup(r.a), ruleWarmup(r.b));
  }
}

const sign = (rel: 'gt' | 'lt'): string => (rel === 'gt' ? '>' : '<');

export function ruleText(r: Rule): string {
  switch (r.op) {
    case 'cmp':
      return `${FEATURE_SPECS[r.f].describe(r.p)} ${sign(r.rel)} ${r.v}`;
    case 'cmp2':
      return `${FEATURE_SPECS[r.f].describe(r.p)} ${sign(r.rel)} ${FEATURE_SPECS[r.f].describe(r.q)}`;
    case 'not':
      return `NOT (${ruleText(r.a)})`;
    case 'and':
    case 'or':
      return `(${ruleText(r.a)} ${r.op.toUpperCase()} ${ruleText(r.b)})`;
  }
}

function truth(r: Rule, col: FeatureColumns, n: number): Uint8Array {
  const out = new Uint8Array(n);
  switch (r.op) {
    case 'cmp': {
      const x = col(r.f, r.p);
      for (let i = 0; i < n; i += 1)
        out[i] = r.rel === 'gt' ? Number((x[i] as number) > r.v) : Number((x[i] as number) < r.v);
      return out;
    }
    case 'cmp2': {
      const x = col(r.f, r.p);
      const y = col(r.f, r.q);
      for (let i = 0; i < n; i += 1)
        out[i] =
          r.rel === 'gt'
            ? Number((x[i] as number) > (y[i] as number))
            : Number((x[i] as number) < (y[i] as number));
      return out;
    }
    case 'not': {
      const a = truth(r.a, col, n);
      // A comparison on missing data (NaN) is false, so its negation is true: ruleSignals clears the warm-up.
      for (let i = 0; i < n; i += 1) out[i] = a[i] === 1 ? 0 : 1;
      return out;
    }
    case 'and':
    case 'or': {
      const a = truth(r.a, col, n);
      const b = truth(r.b, col, n);
      for (let i = 0; i < n; i += 1)
        out[i] =
          r.op === 'and'
            ? (a[i] as number) & (b[i] as number)
            : (a[i] as number) | (b[i] as number);
      return out;
    }
  }
}

export type FeatureColumns = (f: Feature, p: number) => Float64Array;

/** A series' feature columns, each computed once and kept (a GP run asks for the same ones thousands of times). */
export function featureColumns(s: Series, ind: IndicatorSet): FeatureColumns {
  const memo = new Map<string, Float64Array>();
  return (f, p) => {
    const key = `${f}:${p}`;
    let x = memo.get(key);
    if (x === undefined) {
      x = FEATURE_SPECS[f].compute(s, ind, p);
      memo.set(key, x);
    }
    return x;
  };
}

/** Entry signals of a rule over n bars (0 before the rule's warm-up). */
export function ruleSignals(r: Rule, n: number, columns: FeatureColumns): Uint8Array {
  const out = truth(r, columns, n);
  out.fill(0, 0, Math.min(n, ruleWarmup(r) - 1));
  return out;
}
