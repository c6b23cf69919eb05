/** Crafted series for the scanner's unit tests: OHLC rows on consecutive weekdays from Monday 2024-01-01. */
import type { Bar } from '../../../src/domain/account.ts';
import { seriesFromBars, type Series } from '../../../src/scanner/series.ts';

export function weekdays(n: number, from = '2024-01-01'): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); out.length < n; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export type Row = readonly [
  open: number,
  high: number,
  low: number,
  close: number,
  volume?: number,
];

export function barsOf(rows: readonly Row[], from = '2024-01-01'): Bar[] {
  const dates = weekdays(rows.length, from);
  return rows.map(([open, high, low, close, volume = 1_000_000], i) => ({
    ts: Date.parse(`${dates[i] ?? ''}T05:00:00Z`),
    open,
    high,
    low,
    close,
    volume,
  }));
}

export function seriesOf(symbol: string, rows: readonly Row[], from = '2024-01-01'): Series {
  return seriesFromBars(symbol, 0, weekdays(rows.length, from), barsOf(rows, from));
}

/** A flat bar at price p (open = high = low = close). */
export const flat = (p: number, volume?: number): Row =>
  volume === undefined ? [p, p, p, p] : [p, p, p, p, volume];

/** Closes only: each bar opens at the previous close, high/low bracket open and close by `band` (fraction). */
export function fromCloses(
  closes: readonly number[],
  band = 0.002,
  volumes?: readonly number[],
): Row[] {
  return closes.map((c, i) => {
    const o = closes[i - 1] ?? c;
    return [
      o,
      Math.max(o, c) * (1 + band),
      Math.min(o, c) * (1 - band),
      c,
      volumes?.[i] ?? 1_000_000,
    ];
  });
}

export function signalsAt(n: number, ...indices: number[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const i of indices) out[i] = 1;
  return out;
}
