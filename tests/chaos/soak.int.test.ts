/**
 * The process-level soak, short: the real `strikeline stream` SIGKILLed at random moments while entries fill and
 * protective orders are cancelled behind its back; after every restart every share is under a broker stop and no
 * invariant breaks. `npm run chaos` runs the long version (50 cycles) and prints the coverage times.
 */
import { expect, it } from 'vitest';
import { runSoak } from './soak/soak.ts';

it('SIGKILL cycles with entries filling: every restart covers every share, nothing doubled, nothing orphaned', async () => {
  const r = await runSoak({ cycles: 4, seed: 11, deadlineMs: 60_000 });
  expect(r.violations).toEqual([]);
  expect(r.kills).toBe(4);
  expect(r.coverFromReadyMs).toHaveLength(4);
}, 600_000);
