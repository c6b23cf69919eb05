/** @module A Logger that drops everything: the simulator's default, and the log of tests and benchmarks. */
import type { Logger } from './ports.ts';

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};
