/**
 * @module The Benjamini–Hochberg step-up procedure: adjusted p-values (q-values) over a family of tests, so
 * that rejecting every hypothesis with q <= alpha keeps the expected share of false discoveries at or below
 * alpha. A scan tries every strategy on every ticker; this is what pays for that many tries.
 */

/**
 * q_i = min over j with p_(j) >= p_i of (m / rank_j) x p_(j), capped at 1. Same length and order as `p`;
 * NaN p-values count as 1 (a test that could not be run is still one of the m tries).
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const clean = p.map((x) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 1));
  const order = clean
    .map((_, i) => i)
    .sort((a, b) => (clean[a] as number) - (clean[b] as number) || a - b);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  for (let k = m - 1; k >= 0; k -= 1) {
    const i = order[k] as number;
    running = Math.min(running, ((clean[i] as number) * m) / (k + 1));
    q[i] = running;
  }
  return q;
}
