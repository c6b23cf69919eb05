/**
 * @module The daily-bar cache: data/bars/1Day/<hex of ticker>.json holding {symbol, from, bars: [[ts, o, h, l, c, v], ...]}.
 * `from` is the first date requested when the cache was filled, so a longer history forces a full refetch.
 * Writes go to a temporary file renamed into place: a crash never leaves half a cache.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bar } from '../../domain/account.ts';
import { tickerFileStem } from './ticker.ts';

export interface CachedBars {
  readonly symbol: string;
  readonly from: string;
  readonly bars: readonly Bar[];
}

type Row = [number, number, number, number, number, number];

export const cacheFile = (dir: string, symbol: string): string => join(dir, `${tickerFileStem(symbol)}.json`);

/** The cached bars, or undefined when absent or unreadable (an unreadable cache is refetched, not trusted). */
export function readCache(dir: string, symbol: string): CachedBars | undefined {
  const file = cacheFile(dir, symbol);
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { symbol?: unknown; from?: unknown; bars?: unknown };
    if (raw.symbol !== symbol || typeof raw.from !== 'string' || !Array.isArray(raw.bars)) return undefined;
    const bars = (raw.bars as unknown[]).map((r) => {
      if (!Array.isArray(r) || r.length !== 6 || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Error('bad row');
      const [ts, open, high, low, close, volume] = r as Row;
      return { ts, open, high, low, close, volume };
    });
    return { symbol, from: raw.from, bars };
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string, cached: CachedBars): void {
  mkdirSync(dir, { recursive: true });
  const file = cacheFile(dir, cached.symbol);
  const rows = cached.bars.map((b): Row => [b.ts, b.open, b.high, b.low, b.close, b.volume]);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ symbol: cached.symbol, from: cached.from, bars: rows }));
  renameSync(tmp, file);
}
