/** Chaos suite, first half of the schedules (the runner and the invariants: chaos-suite.ts, support/chaos-world.ts). */
import { it } from 'vitest';
import { runChaos } from './chaos-suite.ts';

it('holds I1-I6 over random schedules of fills, faults, drops, clock jumps, halts, restarts and trade runs', async () => {
  const { schedules, steps } = await runChaos({ runs: 520, seed: 0xc4a05a });
  process.stdout.write(`chaos A: ${String(schedules)} schedules, ${String(steps)} steps\n`);
}, 900_000);
