/** Chaos suite, second half of the schedules (another seed; the two files share CI's two cores). */
import { it } from 'vitest';
import { runChaos } from './chaos-suite.ts';

it('holds I1-I6 over random schedules of fills, faults, drops, clock jumps, halts, restarts and trade runs (second seed)', async () => {
  const { schedules, steps } = await runChaos({ runs: 520, seed: 0x5eed2b });
  process.stdout.write(`chaos B: ${String(schedules)} schedules, ${String(steps)} steps\n`);
}, 900_000);
