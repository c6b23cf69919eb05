import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI's build, once, before any test spawns it (tests/support/build-cli.ts).
    globalSetup: ['tests/support/build-cli.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on the 2-core CI machine, one core
    // idle while a test waits on the CLI or the simulator it spawned. Two keep both busy.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
