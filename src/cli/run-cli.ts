/** @module Builds the commander program from command loaders and runs it: exit codes and the one-line failure. */
import { Command } from 'commander';
import { readEnv } from '../config/env.ts';
import { makeScrubber, type Scrub } from '../domain/secrets/scrub.ts';
import { reportFailure } from './errors.ts';
import { quietBrokenPipe } from './quiet-broken-pipe.ts';
import { scrubProcessOutput } from './scrub-process-output.ts';

export type Register = (program: Command) => void;
export type CommandLoaders = Readonly<Record<string, () => Promise<Register>>>;

/** The program with the named command only, or with every command (for help and unknown names). */
export async function buildProgram(
  commands: CommandLoaders,
  commandName?: string,
): Promise<Command> {
  const program = new Command('strikeline')
    .description(
      'Automated equity trading for Alpaca accounts, with its own Alpaca-compatible simulator.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const load = commands[commandName ?? ''];
  const loaders = load === undefined ? Object.values(commands) : [load];
  for (const register of await Promise.all(loaders.map((l) => l()))) register(program);
  return program;
}

/**
 * The scrubber of the environment's secrets. An environment refused outright (a secret too short...) has none to
 * offer: the command then stops on that error, whose message names variables, never values.
 */
function environmentScrubber(): Scrub {
  try {
    return makeScrubber(readEnv().secrets);
  } catch {
    return (text) => text;
  }
}

/** Parses argv and runs the command, its stdout and stderr scrubbed; sets the exit code instead of throwing. */
export async function runCli(
  commands: CommandLoaders,
  argv: readonly string[] = process.argv,
): Promise<void> {
  quietBrokenPipe();
  scrubProcessOutput(environmentScrubber());
  try {
    await (await buildProgram(commands, argv[2])).parseAsync([...argv]);
  } catch (e) {
    process.exitCode = reportFailure(e);
  }
}
