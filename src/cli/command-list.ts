/** @module Every `strikeline` command but `completion` (which reads this list), each module loaded only when it runs. */
import type { CommandLoaders } from './run-cli.ts';

/**
 * Each command's module, loaded only when that command runs: the daemon then carries only its own
 * code (the SDK, LMDB, RxJS), not the simulator's or the scanner's. Listed in the day's order.
 */
export const COMMANDS_BUT_COMPLETION: CommandLoaders = {
  sim: async () => (await import('./sim-command.ts')).registerSim,
  scan: async () => (await import('./scan-command.ts')).registerScan,
  research: async () => (await import('./research-command.ts')).registerResearch,
  rank: async () => (await import('./rank-command.ts')).registerRank,
  trade: async () => (await import('./trade-command.ts')).registerTrade,
  stream: async () => (await import('./stream-command.ts')).registerStream,
  report: async () => (await import('./report-command.ts')).registerReport,
  halt: async () => (await import('./halt-command.ts')).registerHalt,
  resume: async () => (await import('./resume-command.ts')).registerResume,
  status: async () => (await import('./status-command.ts')).registerStatus,
  risk: async () => (await import('./risk-command.ts')).registerRisk,
  errors: async () => (await import('./errors-command.ts')).registerErrors,
  dashboard: async () => (await import('./dashboard-command.ts')).registerDashboard,
  config: async () => (await import('./config-command.ts')).registerConfig,
  doctor: async () => (await import('./doctor-command.ts')).registerDoctor,
  'install-service': async () =>
    (await import('./install-service-command.ts')).registerInstallService,
  demo: async () => (await import('./demo-command.ts')).registerDemo,
  tick: async () => (await import('./tick-command.ts')).registerTick,
  schedule: async () => (await import('./schedule-command.ts')).registerSchedule,
};
