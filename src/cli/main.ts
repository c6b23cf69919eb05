/** @module The `strikeline` command line: one subcommand per file, wired with commander. */
import { Command } from 'commander';
import { readEnv } from '../adapters/config/env.ts';
import { registerConfig } from './config-command.ts';
import { registerSim } from './sim-command.ts';
import { reportFailure } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('strikeline')
    .description('Automated equity trading for Alpaca accounts, with its own Alpaca-compatible simulator.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerConfig(program);
  registerSim(program);
  return program;
}

function secretsForErrors(): readonly string[] {
  try {
    return readEnv().secrets;
  } catch {
    return [];
  }
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportFailure(e, secretsForErrors());
}
