/** @module Every `strikeline` command, each module loaded only when that command runs (or for help and completion). */
import { COMMANDS_BUT_COMPLETION } from './command-list.ts';
import type { CommandLoaders } from './run-cli.ts';

/** Every command; `completion` is added here, so that it can read the others without importing this file. */
export const COMMANDS: CommandLoaders = {
  ...COMMANDS_BUT_COMPLETION,
  completion: async () => (await import('./completion-command.ts')).registerCompletion,
};
