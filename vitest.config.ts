import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The chaos suite's two files (a minute and more each) start first, so the rest fills the other worker beside them. */
class ChaosFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const chaos = (f: TestSpecification): boolean =>
      /\/tests\/chaos\/chaos-[ab]\.test\.ts$/.test(f.moduleId);
    return [...sorted.filter(chaos), ...sorted.filter((f) => !chaos(f))];
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI's build, once, before any test spawns it (tests/support/build-cli.ts).
    globalSetup: ['tests/support/build-cli.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on the 2-core CI machine, one core
    // idle while a test waits on the CLI or the simulator it spawned. Two keep both busy.
    maxWorkers: 2,
    sequence: { sequencer: ChaosFirst },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
