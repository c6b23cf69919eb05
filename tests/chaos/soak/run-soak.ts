/**
 * @module `npm run chaos`: the process-level soak (soak.ts) from the command line. CHAOS_CYCLES (default 50),
 * CHAOS_SEED (default 1), CHAOS_RATE_LIMIT (the simulator's REST limit a minute, default Alpaca's 200).
 * Prints each cycle, then the violations (0 expected) and the time to full coverage after each restart.
 */
import { percentile, runSoak } from './soak.ts';

const cycles = Number(process.env.CHAOS_CYCLES ?? 50);
const seed = Number(process.env.CHAOS_SEED ?? 1);
const rateLimitPerMinute = Number(process.env.CHAOS_RATE_LIMIT ?? 200);
const started = Date.now();
const r = await runSoak({
  cycles,
  seed,
  rateLimitPerMinute,
  log: (line) => {
    process.stdout.write(`${line}\n`);
  },
});
const ms = (xs: readonly number[], p: number): string => `${percentile(xs, p).toFixed(0)} ms`;
process.stdout.write(
  [
    '',
    `chaos soak: ${String(r.cycles)} SIGKILL cycles, ${String(r.entries)} entries filled, seed ${String(seed)}, broker limit ${String(rateLimitPerMinute)}/min, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `violations: ${String(r.violations.length)}`,
    ...r.violations.map((v) => `  ${v}`),
    ...(r.slow.length === 0
      ? []
      : ['restarts over 2 s after their ready line:', ...r.slow.map((x) => `  ${x}`)]),
    `time to full coverage after a restart, from the process's start: p50 ${ms(r.coverFromSpawnMs, 50)}, p99 ${ms(r.coverFromSpawnMs, 99)}, max ${ms(r.coverFromSpawnMs, 100)}`,
    `                                     from its ready line:      p50 ${ms(r.coverFromReadyMs, 50)}, p99 ${ms(r.coverFromReadyMs, 99)}, max ${ms(r.coverFromReadyMs, 100)}`,
    '',
  ].join('\n'),
);
process.exitCode = r.violations.length === 0 ? 0 : 1;
