/**
 * @module One session's minute bars from its daily bar: a path from the open to the close through the day's high
 * and low (Brownian bridges between those anchors, reflected into the range), U-shaped volume that sums exactly to
 * the daily volume. Deterministic per (seed, symbol, date). Prices are integer cents.
 */
import { RandomStream } from './random.ts';

export interface DayOhlcv {
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
  /** Trades in the day (split across minutes like the volume). */
  readonly n: number;
}

/** Minute columns of one session; index k is the minute starting at tsOpen + k minutes. */
export interface MinuteDay {
  readonly tsOpen: number;
  readonly o: Int32Array;
  readonly h: Int32Array;
  readonly l: Int32Array;
  readonly c: Int32Array;
  readonly v: Float64Array;
  readonly n: Float64Array;
}

/** Splits an integer total over weights with cumulative rounding: parts are >= 0 and sum exactly to total. */
export function splitByWeights(total: number, weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (const w of weights) sum += w;
  let acc = 0;
  let prev = 0;
  for (let k = 0; k < weights.length; k += 1) {
    acc += weights[k] ?? 0;
    const upTo = k === weights.length - 1 ? total : Math.round((total * acc) / sum);
    out[k] = upTo - prev;
    prev = upTo;
  }
  return out;
}

function reflect(x: number, lo: number, hi: number): number {
  const range = hi - lo;
  if (range <= 0) return lo;
  let y = (x - lo) % (2 * range);
  if (y < 0) y += 2 * range;
  return lo + (y > range ? 2 * range - y : y);
}

/** Close prices at minute boundaries: p[0] = open, p[N] = close, with the high and low at two interior points. */
function pricePath(day: DayOhlcv, minutes: number, rng: RandomStream, sigma: number): Float64Array {
  const p = new Float64Array(minutes + 1).fill(day.o);
  p[minutes] = day.c;
  const a = rng.int(1, minutes - 1);
  let b = rng.int(1, minutes - 2);
  if (b >= a) b += 1;
  const lowFirst = rng.next() < (day.c >= day.o ? 0.65 : 0.35);
  const anchors: Array<readonly [number, number]> = [
    [0, day.o],
    [Math.min(a, b), lowFirst ? day.l : day.h],
    [Math.max(a, b), lowFirst ? day.h : day.l],
    [minutes, day.c],
  ];
  for (let s = 0; s + 1 < anchors.length; s += 1) {
    const [i0, v0] = anchors[s] ?? [0, day.o];
    const [i1, v1] = anchors[s + 1] ?? [minutes, day.c];
    const len = i1 - i0;
    const walk = new Float64Array(len + 1);
    for (let j = 1; j <= len; j += 1) walk[j] = (walk[j - 1] ?? 0) + sigma * rng.normal();
    const end = walk[len] ?? 0;
    for (let j = 0; j <= len; j += 1) {
      const x = v0 + ((v1 - v0) * j) / len + (walk[j] ?? 0) - (j / len) * end;
      p[i0 + j] = Math.round(reflect(x, day.l, day.h));
    }
  }
  return p;
}

/** U-shaped intraday activity with noise: heavy at the open, light at midday, heavier into the close. */
function activityWeights(minutes: number, rng: RandomStream): Float64Array {
  const w = new Float64Array(minutes);
  for (let k = 0; k < minutes; k += 1) {
    const shape = 0.55 + 2 * Math.exp(-k / 22) + 1.3 * Math.exp(-(minutes - 1 - k) / 18);
    w[k] = shape * Math.exp(0.35 * rng.normal());
  }
  return w;
}

/** Builds the minute bars of one session. `key` must be derived from (seed, symbol, date). */
export function minuteDay(day: DayOhlcv, tsOpen: number, minutes: number, key: number): MinuteDay {
  const rng = new RandomStream(key);
  const sigma = (day.h - day.l) / (1.6 * Math.sqrt(minutes));
  const p =
    day.h === day.l
      ? new Float64Array(minutes + 1).fill(day.o)
      : pricePath(day, minutes, rng, sigma);
  const o = new Int32Array(minutes);
  const h = new Int32Array(minutes);
  const l = new Int32Array(minutes);
  const c = new Int32Array(minutes);
  for (let k = 0; k < minutes; k += 1) {
    const open = p[k] ?? day.o;
    const close = p[k + 1] ?? day.c;
    o[k] = open;
    c[k] = close;
    h[k] = Math.min(
      day.h,
      Math.max(open, close) + Math.round(Math.abs(rng.normal()) * sigma * 0.4),
    );
    l[k] = Math.max(
      day.l,
      Math.min(open, close) - Math.round(Math.abs(rng.normal()) * sigma * 0.4),
    );
  }
  const weights = activityWeights(minutes, rng);
  return {
    tsOpen,
    o,
    h,
    l,
    c,
    v: splitByWeights(day.v, weights),
    n: splitByWeights(day.n, weights),
  };
}
