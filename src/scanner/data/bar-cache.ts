/**
 * @module The daily-bar cache: data/bars/1Day/<hex of ticker>.bars, one file per symbol, stored as columns.
 * Layout: 8 bytes (magic "SLBARS02"), 4 bytes little-endian header length H, then H bytes of JSON
 * {symbol, from, adjustment, count} padded with spaces so the columns start 8-byte aligned, then six Float64
 * columns (ts, open, high, low, close, volume) of `count` values each, little-endian. Reading is one file read
 * into shared memory and six typed-array views: no JSON of a million rows, no copy for the scan's workers (issue
 * 19). `from` is the first date requested when the cache
 * was filled (a longer history forces a full refetch); `adjustment` is the broker's adjustment of the prices (a
 * cache of another adjustment is refetched). Writes go to a temporary file renamed into place: a crash never
 * leaves half a cache. A cache of the first format (<hex>.json) is ignored and removed when its successor is written.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { Bar } from '../../domain/account.ts';
import type { BarAdjustment } from '../../domain/ports.ts';
import { barsFromColumns, columnsFromBars, columnsOfBlock, type BarColumns } from './bar-columns.ts';
import { tickerFileStem } from './ticker.ts';

export interface CachedBars {
  readonly symbol: string;
  readonly from: string;
  readonly adjustment: BarAdjustment;
  readonly bars: readonly Bar[];
}

/** The cache as the scan reads it: the columns are views of the file's bytes (no object per bar). */
export interface CachedColumns {
  readonly symbol: string;
  readonly from: string;
  readonly adjustment: BarAdjustment;
  readonly columns: BarColumns;
}

const MAGIC = 'SLBARS02';
const PREFIX = 12;
const COLUMNS = 6;
const ADJUSTMENTS: readonly string[] = ['raw', 'split', 'dividend', 'all'] satisfies readonly BarAdjustment[];
// Float64Array views take the platform's byte order; the file's is little-endian.
const LITTLE_ENDIAN = endianness() === 'LE';

export const cacheFile = (dir: string, symbol: string): string => join(dir, `${tickerFileStem(symbol)}.bars`);
const legacyCacheFile = (dir: string, symbol: string): string => join(dir, `${tickerFileStem(symbol)}.json`);

interface Header {
  readonly symbol: unknown;
  readonly from: unknown;
  readonly adjustment: unknown;
  readonly count: unknown;
}

function columnsOf(file: Buffer, offset: number, count: number): Float64Array {
  const bytes = COLUMNS * count * 8;
  if (file.length !== offset + bytes) throw new Error('truncated');
  // A view needs 8-byte alignment within its ArrayBuffer: copy once when the read buffer is not aligned.
  if ((file.byteOffset + offset) % 8 === 0) return new Float64Array(file.buffer, file.byteOffset + offset, COLUMNS * count);
  return new Float64Array(file.buffer.slice(file.byteOffset + offset, file.byteOffset + offset + bytes));
}

/**
 * A file's bytes in shared memory: a parallel scan hands the columns, views of these bytes, to its workers as they
 * are (parallel/shared-market.ts), where an ordinary buffer would be copied once more.
 */
function readShared(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The cached bars as columns, or undefined when absent or unreadable (an unreadable cache is refetched, not trusted). */
export function readCacheColumns(dir: string, symbol: string): CachedColumns | undefined {
  const path = cacheFile(dir, symbol);
  if (!existsSync(path) || !LITTLE_ENDIAN) return undefined;
  try {
    const file = readShared(path);
    if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const headerLength = file.readUInt32LE(MAGIC.length);
    const h = JSON.parse(file.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
    const { from, adjustment, count } = h;
    if (h.symbol !== symbol || typeof from !== 'string' || typeof adjustment !== 'string' || !ADJUSTMENTS.includes(adjustment)) return undefined;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return undefined;
    const v = columnsOf(file, PREFIX + headerLength, count);
    // x - x is 0 for a finite number and NaN for NaN or an infinity: one pass over every value.
    let check = 0;
    for (let i = 0; i < v.length; i += 1) check += (v[i] as number) - (v[i] as number);
    if (check !== 0) return undefined;
    return { symbol, from, adjustment: adjustment as BarAdjustment, columns: columnsOfBlock(v, count) };
  } catch {
    return undefined;
  }
}

/** The cached bars, or undefined when absent or unreadable. */
export function readCache(dir: string, symbol: string): CachedBars | undefined {
  const cached = readCacheColumns(dir, symbol);
  if (cached === undefined) return undefined;
  const { from, adjustment, columns } = cached;
  return { symbol, from, adjustment, bars: barsFromColumns(columns) };
}

export function writeCache(dir: string, cached: CachedBars): void {
  const { symbol, from, adjustment, bars } = cached;
  writeCacheColumns(dir, { symbol, from, adjustment, columns: columnsFromBars(bars) });
}

export function writeCacheColumns(dir: string, cached: CachedColumns): void {
  if (!LITTLE_ENDIAN) return; // no cache on a big-endian machine: every scan fetches in full
  mkdirSync(dir, { recursive: true });
  const { symbol, from, adjustment, columns } = cached;
  const count = columns.length;
  const json = JSON.stringify({ symbol, from, adjustment, count });
  const headerLength = Buffer.byteLength(json) + ((8 - ((PREFIX + Buffer.byteLength(json)) % 8)) % 8);
  const out = Buffer.alloc(PREFIX + headerLength + COLUMNS * count * 8, 0x20);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerLength, MAGIC.length);
  out.write(json, PREFIX, 'utf8');
  const v = new Float64Array(out.buffer, out.byteOffset + PREFIX + headerLength, COLUMNS * count);
  [columns.ts, columns.open, columns.high, columns.low, columns.close, columns.volume].forEach((column, k) => {
    v.set(column, k * count);
  });
  const path = cacheFile(dir, symbol);
  const tmp = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, path);
  rmSync(legacyCacheFile(dir, symbol), { force: true });
}
