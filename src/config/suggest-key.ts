/** @module "Did you mean": the known key nearest to a mistyped one, by edit distance (a transposition counts once). */

/** Lower case, and `-` read as `_`: `Stop-Loss-Pct` is a spelling of `stop_loss_pct`, not a typo. */
const normal = (key: string): string => key.toLowerCase().replaceAll('-', '_');

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_r, i) =>
    Array.from({ length: b.length + 1 }, (_c, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The nearest known key within a typo's reach (1 edit for short keys, 2 from 6 characters), or undefined. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const reach = unknown.length < 6 ? 1 : 2;
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(normal(unknown), normal(key));
    if (distance <= reach && (best === undefined || distance < best.distance))
      best = { key, distance };
  }
  return best?.key;
}
