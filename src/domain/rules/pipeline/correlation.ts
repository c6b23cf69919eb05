/**
 * @module Correlation attenuation, pure (seed 002): the Pearson correlation of daily returns over the last 60 and
 * the last 20 days, the higher counting (it catches a recent regime shift); <= 0.5 full size, 0.5 to 0.8 linearly
 * down to 25 %, above 0.8 rejected.
 */

export const CORRELATION_WINDOWS = [60, 20] as const;
export const FULL_SIZE_UP_TO = 0.5;
export const REJECT_ABOVE = 0.8;
export const SMALLEST_MULTIPLIER = 0.25;

export interface DailyClose {
  readonly ts: number;
  readonly close: number;
}

export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = Math.min(a.length, b.length);
  if (n < 3) return null;
  const x = a.slice(-n);
  const y = b.slice(-n);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Daily returns of the two series on the days both have a close, oldest first. */
export function alignedReturns(
  a: readonly DailyClose[],
  b: readonly DailyClose[],
): [number[], number[]] {
  const other = new Map(b.map((c) => [c.ts, c.close]));
  const both = a.filter((c) => other.has(c.ts) && c.close > 0 && (other.get(c.ts) ?? 0) > 0);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 1; i < both.length; i += 1) {
    const p = both[i - 1];
    const c = both[i];
    if (p === undefined || c === undefined) continue;
    ra.push(c.close / p.close - 1);
    rb.push((other.get(c.ts) ?? 0) / (other.get(p.ts) ?? 1) - 1);
  }
  return [ra, rb];
}

export interface PairCorrelation {
  readonly value: number;
  readonly window: number;
}

/** The higher of the windows' correlations; null when no window has enough common days. */
export function pairCorrelation(
  a: readonly DailyClose[],
  b: readonly DailyClose[],
): PairCorrelation | null {
  const [ra, rb] = alignedReturns(a, b);
  let best: PairCorrelation | null = null;
  for (const window of CORRELATION_WINDOWS) {
    const value = pearson(ra.slice(-window), rb.slice(-window));
    if (value !== null && (best === null || value > best.value)) best = { value, window };
  }
  return best;
}

/** The size multiplier for a correlation: 1 up to 0.5, linear to 0.25 at 0.8, 0 (rejected) above. */
export function attenuation(correlation: number): number {
  if (correlation <= FULL_SIZE_UP_TO) return 1;
  if (correlation > REJECT_ABOVE) return 0;
  const t = (correlation - FULL_SIZE_UP_TO) / (REJECT_ABOVE - FULL_SIZE_UP_TO);
  return 1 - t * (1 - SMALLEST_MULTIPLIER);
}

export interface CorrelationVerdict {
  readonly multiplier: number;
  /** The most correlated of the others, or null when none could be measured. */
  readonly correlation: number | null;
  readonly with: string | null;
  readonly window: number | null;
}

/** The candidate against each other symbol (held, or accepted earlier in the run): the highest correlation counts. */
export function correlationVerdict(
  candidate: readonly DailyClose[],
  others: ReadonlyMap<string, readonly DailyClose[]>,
): CorrelationVerdict {
  let worst: { symbol: string; c: PairCorrelation } | null = null;
  for (const [symbol, closes] of others) {
    const c = pairCorrelation(candidate, closes);
    if (c !== null && (worst === null || c.value > worst.c.value)) worst = { symbol, c };
  }
  if (worst === null) return { multiplier: 1, correlation: null, with: null, window: null };
  return {
    multiplier: attenuation(worst.c.value),
    correlation: worst.c.value,
    with: worst.symbol,
    window: worst.c.window,
  };
}
