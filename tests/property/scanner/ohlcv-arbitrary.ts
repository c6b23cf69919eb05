/** Shared fast-check arbitraries for the scanner's property tests: positive OHLCV series built from returns. */
import fc from 'fast-check';

export interface Ohlcv {
  readonly open: number[];
  readonly high: number[];
  readonly low: number[];
  readonly close: number[];
  readonly volume: number[];
}

const step = fc.record({
  ret: fc.double({ min: -0.08, max: 0.08, noNaN: true }),
  gap: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  up: fc.double({ min: 0, max: 0.04, noNaN: true }),
  down: fc.double({ min: 0, max: 0.04, noNaN: true }),
  volume: fc.integer({ min: 1_000, max: 5_000_000 }),
});

/** A random walk of daily bars (open gaps from the previous close; high/low bracket open and close). */
export function ohlcvArbitrary(minLength: number, maxLength: number): fc.Arbitrary<Ohlcv> {
  return fc
    .tuple(fc.double({ min: 5, max: 500, noNaN: true }), fc.array(step, { minLength, maxLength }))
    .map(([start, steps]) => {
      const out: Ohlcv = { open: [], high: [], low: [], close: [], volume: [] };
      let prev = start;
      for (const s of steps) {
        const open = prev * (1 + s.gap);
        const close = Math.max(0.5, prev * (1 + s.ret));
        out.open.push(open);
        out.close.push(close);
        out.high.push(Math.max(open, close) * (1 + s.up));
        out.low.push(Math.min(open, close) * (1 - s.down));
        out.volume.push(s.volume);
        prev = close;
      }
      return out;
    });
}
