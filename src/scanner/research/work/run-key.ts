/**
 * @module Keys that tie results and checkpoints to what produced them: the settings of the run and a
 * fingerprint of the bars. A result or checkpoint with another key is never reused.
 */
import { createHash } from 'node:crypto';
import type { MarketData } from '../../market-data.ts';
import type { Series } from '../../series.ts';

const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** A hash of a series' dates and every price and volume. */
export function seriesFingerprint(s: Series): string {
  const h = createHash('sha256').update(
    `${s.symbol}|${s.dates[0] ?? ''}|${s.dates[s.dates.length - 1] ?? ''}|${s.close.length}`,
  );
  for (const c of COLUMNS) h.update(new Uint8Array(s[c].buffer, s[c].byteOffset, s[c].byteLength));
  return h.digest('hex').slice(0, 16);
}

/** A hash of every universe and context series (sorted by symbol). */
export function marketFingerprint(m: MarketData): string {
  const h = createHash('sha256');
  for (const symbol of [...m.series.keys()].sort())
    h.update(`${symbol}:${seriesFingerprint(m.series.get(symbol) as Series)};`);
  return h.digest('hex').slice(0, 16);
}

export const runKey = (parts: unknown): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
