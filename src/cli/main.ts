/** @module The `strikeline` command line: one subcommand per file, each loaded only when it runs. */
import { COMMANDS } from './commands.ts';
import { runCli } from './run-cli.ts';

await runCli(COMMANDS);
