/** @module Latency histograms (hdr-histogram-js, microseconds) and the table the protection benchmark prints. */
import { build, type Histogram } from 'hdr-histogram-js';

export interface Latency {
  readonly name: string;
  readonly count: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

/** A recorder of millisecond durations, kept in microseconds. */
export function latencyRecorder(name: string) {
  const h: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  return {
    recordMs: (ms: number) => {
      h.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    result: (): Latency => ({
      name,
      count: h.totalCount,
      p50Us: h.getValueAtPercentile(50),
      p90Us: h.getValueAtPercentile(90),
      p99Us: h.getValueAtPercentile(99),
      maxUs: h.maxValue,
    }),
  };
}

const ms = (us: number): string => `${(us / 1000).toFixed(3)} ms`;

/** One aligned row per measurement; ratio columns against `baseline` when given. */
export function latencyTable(rows: readonly Latency[], baseline?: Latency): string {
  const head = [
    'measurement',
    'n',
    'p50',
    'p90',
    'p99',
    'max',
    ...(baseline ? ['p50 ratio', 'p99 ratio'] : []),
  ];
  const body = rows.map((r) => [
    r.name,
    String(r.count),
    ms(r.p50Us),
    ms(r.p90Us),
    ms(r.p99Us),
    ms(r.maxUs),
    ...(baseline
      ? [`${(r.p50Us / baseline.p50Us).toFixed(2)}x`, `${(r.p99Us / baseline.p99Us).toFixed(2)}x`]
      : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
