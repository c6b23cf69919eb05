/**
 * The chaos suite's runner: fast-check model-based runs of the commands over a fresh world each, invariants
 * checked after every step and at the end. A failure prints the seed, the path and the shrunk command list;
 * replay one with CHAOS_SEED=<seed> CHAOS_PATH=<path> npx vitest run tests/chaos. CHAOS_RUNS scales the count.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ChaosWorld, QUIET_MS } from '../support/chaos-world.ts';
import { chaosCommands, type ChaosModel } from './chaos-commands.ts';

/** Ends at 15:00 New York: the session's last hour stays out of reach (DAY orders, the close). */
const SESSION_MS = 5 * 3_600_000;

export interface ChaosRun {
  readonly runs: number;
  readonly seed: number;
}

/** Far above any schedule's run (a few hundred ms alone, seconds on a loaded box). */
const SCHEDULE_LIMIT_MS = Number(process.env.CHAOS_SCHEDULE_MS ?? 120_000);

async function withWatchdog<T>(run: Promise<T>, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(why()));
    }, SCHEDULE_LIMIT_MS);
  });
  try {
    return await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runChaos(options: ChaosRun): Promise<{ schedules: number; steps: number }> {
  let schedules = 0;
  let steps = 0;
  const runs = Number(process.env.CHAOS_RUNS ?? options.runs);
  const seed = process.env.CHAOS_SEED === undefined ? options.seed : Number(process.env.CHAOS_SEED);
  const path = process.env.CHAOS_PATH;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 6 }),
      fc.commands([...chaosCommands], { size: '+1', maxCommands: 40 }),
      async (simSeed, commands) => {
        schedules += 1;
        const world = await ChaosWorld.start(simSeed);
        try {
          const model: ChaosModel = { halted: false, sessionLeftMs: SESSION_MS, buys: 0 };
          // A schedule that never ends is a failure with its seed and path, not a suite that hangs.
          await withWatchdog(
            fc.asyncModelRun(() => ({ model, real: world }), commands),
            () =>
              `schedule still running after ${String(SCHEDULE_LIMIT_MS)} ms; trace:\n${world.trace()}`,
          );
          steps += [...commands].length;
          // A last quiet minute: whatever the schedule left is covered, reconciled and clean.
          if (world.halted) await world.resume();
          world.faults.clear();
          await world.advance(QUIET_MS);
          await world.checkReconciled();
          world.checkSecrets();
          expect(
            world.violations,
            world.violations.length === 0 ? '' : `violations; trace:\n${world.trace()}`,
          ).toEqual([]);
        } finally {
          await world.stop();
        }
      },
    ),
    {
      numRuns: runs,
      seed,
      ...(path === undefined ? {} : { path }),
      endOnFailure: true,
      verbose: fc.VerbosityLevel.Verbose,
    },
  );
  return { schedules, steps };
}
