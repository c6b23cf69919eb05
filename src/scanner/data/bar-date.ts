/**
 * @module The session date of a daily bar: the UTC date of its timestamp plus 12 hours. That is the New York
 * session date whether the provider stamps daily bars at midnight New York (Alpaca, the simulator) or at
 * midnight UTC, and it costs no time-zone lookup (a 10-year universe has over a million bars).
 */
import type { Bar } from '../../domain/account.ts';

const HALF_DAY_MS = 43_200_000;

export function barDate(bar: Pick<Bar, 'ts'>): string {
  return new Date(bar.ts + HALF_DAY_MS).toISOString().slice(0, 10);
}
