/**
 * @module The indicator ratios measured in a process of their own (run by indicators.bench.ts): argv series, rounds;
 * prints the ratios as JSON. It runs with --single-threaded-gc: the forced GC before each timing then finishes its
 * work (marking, sweeping) in the pause, where V8's helper threads went on sweeping the other side's garbage during
 * the next timing and process CPU time counted them (the same EMA pass: 0.25 ms in a small heap, 1-3 ms after a GC
 * of a 3-million-object heap, 0.3 ms with the flag).
 */
import { indicatorRatios } from './indicator-ratios.ts';
import { syntheticUniverse } from './synthetic-universe.ts';

const series = Number(process.argv[2] ?? '50');
const rounds = Number(process.argv[3] ?? '10');
const market = syntheticUniverse({
  seed: 20_240_501,
  symbols: series,
  startDate: '2015-01-01',
  endDate: '2024-12-31',
});
const bars = market.series.get(market.symbols[0] ?? '')?.close.length ?? 0;
process.stdout.write(
  `${JSON.stringify({ bars, ratios: indicatorRatios(market, series, rounds) })}\n`,
);
