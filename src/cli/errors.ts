/** @module Exit codes and the one clear stderr line every failing command ends with. */
import { CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.ts';
import { EnvError } from '../config/env.ts';
import { readSwitch } from '../config/switch-word.ts';
import { StoreVersionError } from '../adapters/store/schema-version.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad input from the user: wrong option, bad file, refused precondition worth exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function exitCodeOf(e: unknown): number {
  if (e instanceof ConfigError || e instanceof EnvError || e instanceof UsageError)
    return EXIT_USAGE;
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (e instanceof StoreVersionError) return EXIT_FAILURE;
  return EXIT_FAILURE;
}

/** Prints `strikeline: <message>` once (stderr is scrubbed of every secret: see scrub-process-output.ts). */
export function reportFailure(e: unknown): number {
  const code = exitCodeOf(e);
  if (e instanceof CommanderError) return code; // commander already printed its message
  const message = e instanceof Error ? e.message : String(e);
  // The lines around a YAML syntax error come first: the failure still ends with its one clear line. Every
  // byte written to stderr passes the process-wide scrubber (scrub-process-output.ts).
  if (e instanceof ConfigError && e.excerpt !== undefined) process.stderr.write(`${e.excerpt}\n`);
  process.stderr.write(`strikeline: ${message.split('\n')[0] ?? message}\n`);
  if (readSwitch(process.env.STRIKELINE_DEBUG ?? '') === true && e instanceof Error && e.stack)
    process.stderr.write(`${e.stack}\n`);
  return code;
}
