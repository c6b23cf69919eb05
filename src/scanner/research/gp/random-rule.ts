/**
 * @module Random rules and their variation: generation (ramped grow/full up to a depth), subtree crossover,
 * and mutation (a new subtree, or a point change: threshold, period or direction). Every offspring deeper
 * than the limit is refused and its parent kept: bloat control by construction.
 */
import type { Rng } from '../random/rng.ts';
import { FEATURES, FEATURE_SPECS, type Feature } from './features.ts';
import type { Thresholds } from './gp-data.ts';
import { ruleDepth, type Rule } from './rule.ts';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)] as T;

const choices = (th: Thresholds, f: Feature, p: number): readonly number[] =>
  th[`${f}:${p}`] ?? [0];

/** Another threshold: a neighbouring quantile most of the time, any quantile now and then. */
function nudge(rng: Rng, th: Thresholds, f: Feature, p: number, v: number): number {
  const list = choices(th, f, p);
  const at = list.indexOf(v);
  if (at < 0 || rng.next() < 0.3) return pick(rng, list);
  return list[Math.min(list.length - 1, Math.max(0, at + (rng.next() < 0.5 ? -1 : 1)))] as number;
}

export function randomComparison(rng: Rng, th: Thresholds): Rule {
  const f = pick(rng, FEATURES);
  const periods = FEATURE_SPECS[f].periods;
  const rel = rng.next() < 0.5 ? 'gt' : 'lt';
  if (periods.length > 1 && rng.next() < 0.25) {
    const p = pick(rng, periods);
    const q = pick(
      rng,
      periods.filter((x) => x !== p),
    );
    return { op: 'cmp2', f, p, q, rel };
  }
  const p = pick(rng, periods);
  return { op: 'cmp', f, p, rel, v: pick(rng, choices(th, f, p)) };
}

/** A random tree of depth <= `depth`; `full` grows every branch to the depth. */
export function randomRule(rng: Rng, th: Thresholds, depth: number, full = false): Rule {
  if (depth <= 1 || (!full && rng.next() < 0.4)) return randomComparison(rng, th);
  const u = rng.next();
  if (u < 0.15) return { op: 'not', a: randomRule(rng, th, depth - 1, full) };
  return {
    op: u < 0.6 ? 'and' : 'or',
    a: randomRule(rng, th, depth - 1, full),
    b: randomRule(rng, th, depth - 1, full),
  };
}

/** Every subtree, in pre-order, with a function that rebuilds the whole tree with it replaced. */
function subtrees(
  r: Rule,
  rebuild: (x: Rule) => Rule = (x) => x,
): Array<{ node: Rule; replace: (x: Rule) => Rule }> {
  const here = [{ node: r, replace: rebuild }];
  switch (r.op) {
    case 'cmp':
    case 'cmp2':
      return here;
    case 'not':
      return [...here, ...subtrees(r.a, (x) => rebuild({ op: 'not', a: x }))];
    case 'and':
    case 'or':
      return [
        ...here,
        ...subtrees(r.a, (x) => rebuild({ op: r.op, a: x, b: r.b })),
        ...subtrees(r.b, (x) => rebuild({ op: r.op, a: r.a, b: x })),
      ];
  }
}

/** A random subtree of `a` replaced by a random subtree of `b`. */
export function crossover(rng: Rng, a: Rule, b: Rule, maxDepth: number): Rule {
  const target = pick(rng, subtrees(a));
  const child = target.replace(pick(rng, subtrees(b)).node);
  return ruleDepth(child) <= maxDepth ? child : a;
}

function pointMutation(rng: Rng, th: Thresholds, r: Rule): Rule {
  switch (r.op) {
    case 'cmp': {
      const u = rng.next();
      if (u < 0.6) return { ...r, v: nudge(rng, th, r.f, r.p, r.v) };
      if (u < 0.8) {
        const p = pick(rng, FEATURE_SPECS[r.f].periods);
        return { ...r, p, v: pick(rng, choices(th, r.f, p)) };
      }
      return { ...r, rel: r.rel === 'gt' ? 'lt' : 'gt' };
    }
    case 'cmp2':
      return { ...r, rel: r.rel === 'gt' ? 'lt' : 'gt' };
    case 'not':
      return r.a;
    case 'and':
    case 'or':
      return { ...r, op: r.op === 'and' ? 'or' : 'and' };
  }
}

export function mutate(rng: Rng, th: Thresholds, r: Rule, maxDepth: number): Rule {
  const target = pick(rng, subtrees(r));
  const child = target.replace(
    rng.next() < 0.5 ? pointMutation(rng, th, target.node) : randomRule(rng, th, 2),
  );
  return ruleDepth(child) <= maxDepth ? child : r;
}
