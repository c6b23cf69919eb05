/**
 * @module The protection latency and memory benchmark (issue: the stream daemon). (a) in-process: fill event ->
 * protective POST sent, budget p99 <= 1 ms; (b) loopback: simulator fill -> protective order acknowledged, through
 * the real adapter and SDK on 127.0.0.1, against a bare ws + HTTP floor measured in the same run, budget within
 * 3x of the floor; (c) RSS of `strikeline stream` with 100 protected positions, budget <= 150 MB.
 * The exchange side (simulator, bare servers) runs in processes of its own, as a broker does. Loopback and floor
 * iterations alternate, each after the same short pause, so both meet the same machine at the same moments: on a
 * shared VM the speed drifts by tens of percent within a minute, and sequential phases would compare the drift.
 * `npm run bench -- protection` runs only this file; BENCH_QUICK=1 runs fewer iterations; BENCH_PAUSE_MS sets the pause.
 */
import { openFloor } from './protection/floor.ts';
import { measureInProcess } from './protection/in-process.ts';
import { openLoopback, type LoopbackResult } from './protection/loopback.ts';
import { measureRss } from './protection/rss.ts';
import { latencyTable, type Latency } from './protection/stats.ts';

export interface ProtectionBenchResult {
  readonly inProcess: Latency;
  readonly loopback: Latency;
  readonly floor: Latency;
  readonly floorFetch: Latency;
  readonly legs: {
    readonly simToAdapterMs: number;
    readonly adapterToPostMs: number;
    readonly postToAckMs: number;
  };
  readonly sizes: {
    readonly eventBytes: number;
    readonly postBytes: number;
    readonly responseBytes: number;
  };
  readonly rss: {
    readonly positions: number;
    readonly protectedPositions: number;
    readonly rssMb: number;
    readonly peakRssMb: number;
  };
  readonly verdicts: Readonly<Record<string, boolean>>;
}

const verdict = (ok: boolean): string => (ok ? 'within budget' : 'OVER BUDGET');

export function renderProtectionBench(r: ProtectionBenchResult): string {
  const ratio50 = r.loopback.p50Us / r.floor.p50Us;
  const ratio99 = r.loopback.p99Us / r.floor.p99Us;
  return [
    latencyTable([r.inProcess]),
    `  budget p99 <= 1 ms: ${verdict(r.verdicts.inProcessP99 === true)}`,
    '',
    latencyTable([r.floor, r.floorFetch, r.loopback], r.floor),
    `  exchange and clients each in a process of their own; floor and loopback events alternate, each after a ${String(PAUSE_MS)} ms pause`,
    `  payloads: event ${r.sizes.eventBytes} B, POST ${r.sizes.postBytes} B, response ${r.sizes.responseBytes} B`,
    `  loopback legs (medians): sim -> adapter ${r.legs.simToAdapterMs.toFixed(3)} ms, adapter -> POST sent ${r.legs.adapterToPostMs.toFixed(3)} ms, POST -> ack ${r.legs.postToAckMs.toFixed(3)} ms`,
    `  budget within 3x of the floor: p50 ${ratio50.toFixed(2)}x, p99 ${ratio99.toFixed(2)}x: ${verdict(r.verdicts.loopbackWithin3x === true)}`,
    '',
    `RSS of strikeline stream with ${r.rss.protectedPositions}/${r.rss.positions} protected positions: ${r.rss.rssMb.toFixed(1)} MB (peak ${r.rss.peakRssMb.toFixed(1)} MB)`,
    `  budget <= 150 MB: ${verdict(r.verdicts.rss === true)}`,
  ].join('\n');
}

/** Fills reach an idle daemon: each event (loopback or floor) follows this pause. BENCH_PAUSE_MS overrides it. */
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 10);
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

interface Interleaved {
  readonly loop: LoopbackResult;
  readonly floor: Latency;
  readonly floorFetch: Latency;
}

async function measureInterleaved(iterations: number, warmup: number): Promise<Interleaved> {
  const loop = await openLoopback(warmup + iterations);
  try {
    for (let i = 0; i < warmup; i += 1) {
      await loop.once();
      await pause();
    }
    // The floor sends what the simulator sent and was sent: sizes from the warm-up fills.
    const { sizes } = await loop.result(0);
    const http = await openFloor(sizes, 'http');
    const viaFetch = await openFloor(sizes, 'fetch');
    try {
      for (let i = 0; i < warmup; i += 1) {
        await http.once();
        await viaFetch.once();
      }
      for (let i = 0; i < iterations; i += 1) {
        for (const one of [http, viaFetch, loop]) {
          await pause();
          await one.once();
        }
      }
      return {
        loop: await loop.result(warmup),
        floor: await http.result(warmup),
        floorFetch: await viaFetch.result(warmup),
      };
    } finally {
      await http.close();
      await viaFetch.close();
    }
  } finally {
    await loop.close();
  }
}

export async function measureProtection(
  quick = process.env.BENCH_QUICK === '1',
): Promise<ProtectionBenchResult> {
  const inProcess = await measureInProcess(
    quick ? { rounds: 2, held: 100, perRound: 100 } : { rounds: 10, held: 100, perRound: 100 },
  );
  const { loop, floor, floorFetch } = await measureInterleaved(quick ? 100 : 500, quick ? 20 : 50);
  const rss = await measureRss(100);
  return {
    inProcess,
    loopback: loop.latency,
    floor,
    floorFetch,
    legs: loop.legs,
    sizes: loop.sizes,
    rss,
    verdicts: {
      inProcessP99: inProcess.p99Us <= 1_000,
      loopbackWithin3x:
        loop.latency.p50Us <= 3 * floor.p50Us && loop.latency.p99Us <= 3 * floor.p99Us,
      rss: rss.rssMb <= 150 && rss.protectedPositions === rss.positions,
    },
  };
}

/** Runs the benchmark and returns the printed table (bench/run.ts prints it). */
export async function run(): Promise<string> {
  return renderProtectionBench(await measureProtection());
}
