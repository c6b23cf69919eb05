/** @module Seeded hashing and a fast deterministic random stream (sfc32 + Box-Muller) for the synthetic market. */

/** 32-bit FNV-1a hash of a string, finished with a murmur-style mix. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Murmur3 finaliser: a well-spread unsigned 32-bit value. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers (seed, symbol hash, day...) into one 32-bit key. */
export function hashInts(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    const lo = v >>> 0;
    const hi = Math.floor(v / 4294967296) | 0;
    h = mix32((Math.imul(h ^ lo, 0x27d4eb2d) + hi) | 0);
  }
  return h;
}

/** A uniform value in [0, 1) derived from a key. */
export function unitFromKey(key: number): number {
  return mix32(key) / 4294967296;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const at = (xs: number[], i: number): number => xs[i] ?? 0;
  const tail = (q: number): number =>
    (((((at(c, 0) * q + at(c, 1)) * q + at(c, 2)) * q + at(c, 3)) * q + at(c, 4)) * q + at(c, 5)) /
    ((((at(d, 0) * q + at(d, 1)) * q + at(d, 2)) * q + at(d, 3)) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((at(a, 0) * r + at(a, 1)) * r + at(a, 2)) * r + at(a, 3)) * r + at(a, 4)) * r + at(a, 5)) *
      q) /
    (((((at(b, 0) * r + at(b, 1)) * r + at(b, 2)) * r + at(b, 3)) * r + at(b, 4)) * r + 1)
  );
}

const NORMAL_TABLE_SIZE = 4096;
/** Normal quantiles at the midpoints of 4096 equal-probability cells, plus one closing entry. */
const NORMAL_TABLE = Float64Array.from({ length: NORMAL_TABLE_SIZE + 1 }, (_, i) =>
  inverseNormal((Math.min(i, NORMAL_TABLE_SIZE - 1) + 0.5) / NORMAL_TABLE_SIZE),
);

/** A small, fast, seeded random stream: sfc32 for uniforms, Box-Muller (with a spare) for normals. */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private spare = 0;
  private hasSpare = false;

  constructor(key: number) {
    this.a = mix32(key ^ 0xdeadbeef);
    this.b = mix32(key + 0x6d2b79f5);
    this.c = mix32(key ^ 0x1b873593);
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller, exact tails). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Approximately standard normal, about 4x faster: an interpolated inverse-CDF table (tails cut near 3.5). */
  fastNormal(): number {
    const x = this.next() * NORMAL_TABLE_SIZE;
    const i = x | 0;
    const a = NORMAL_TABLE[i] ?? 0;
    return a + ((NORMAL_TABLE[i + 1] ?? a) - a) * (x - i);
  }

  /** Fills rows of `width` draws: the first `uniforms` of each row uniform in [0, 1), the rest fastNormal(). */
  fillRows(out: Float64Array, width: number, uniforms: number): void {
    for (let i = 0; i < out.length; i += 1)
      out[i] = i % width < uniforms ? this.next() : this.fastNormal();
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}
