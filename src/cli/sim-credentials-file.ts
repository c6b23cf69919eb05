/**
 * @module How a user learns the credentials a simulator generated: an env file only its owner can read (mode 600),
 * named by the ready line. Nothing prints them: a terminal's scrollback, a CI log or a tmux buffer keeps what it shows.
 */
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SimCredentialsFile {
  readonly dir: string;
  readonly rest: string;
  readonly port: number;
  readonly key: string;
  readonly secret: string;
}

/** Writes `<dir>/sim-<port>.env` (atomically, mode 600) and returns its path. */
export function writeSimCredentials(o: SimCredentialsFile): string {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const file = join(o.dir, `sim-${o.port}.env`);
  const tmp = `${file}.${process.pid}.tmp`;
  const text = [
    `# strikeline sim at ${o.rest}: the credentials it accepts, generated when it started (pid ${process.pid}).`,
    `# Load them into a shell with: set -a; . ${file}; set +a   (or copy these lines into .env)`,
    `ALPACA_API_KEY=${o.key}`,
    `ALPACA_SECRET_KEY=${o.secret}`,
    `ALPACA_ENDPOINT=${o.rest}`,
    '',
  ].join('\n');
  rmSync(tmp, { force: true });
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}
