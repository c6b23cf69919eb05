/**
 * @module The session date of a daily bar: the UTC date of its timestamp plus 12 hours. That is the New York
 * session date whether the provider stamps daily bars at midnight New York (Alpaca, the simulator) or at
 * midnight UTC, and it costs no time-zone lookup (a 10-year universe has over a million bars). The date is
 * computed with integer arithmetic (no Date object, no ISO string to slice): the scan calls it for every bar.
 */
import type { Bar } from '../../domain/account.ts';

const HALF_DAY_MS = 43_200_000;
const DAY_MS = 86_400_000;

const two = (n: number): string => (n < 10 ? `0${String(n)}` : String(n));

/** YYYY-MM-DD of a count of days since 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
export function dateOfDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
}

export function barDate(bar: Pick<Bar, 'ts'>): string {
  return dateOfDay(Math.floor((bar.ts + HALF_DAY_MS) / DAY_MS));
}
