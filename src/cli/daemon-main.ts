/** @module The daemon's own entry point (`strikeline stream`), bundled by bin/ so the always-on process stays small. */
import { registerStream } from './stream-command.ts';
import { runCli } from './run-cli.ts';

await runCli({ stream: () => Promise.resolve(registerStream) });
