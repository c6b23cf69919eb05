/**
 * @module `strikeline install-service`: writes the systemd unit of this install (see jobs/deploy/systemd-units.ts),
 * or prints it with --print; then says the two commands that start it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readEnv } from '../config/env.ts';
import { systemdUnits, UnitValueError, type UnitFile } from '../jobs/deploy/systemd-units.ts';
import { DAEMON_NODE_FLAGS } from './daemon-node-flags.ts';
import { UsageError } from './errors.ts';
import { checkoutDir } from './strikeline-bin.ts';

const CHECKOUT = checkoutDir();
const SYSTEM_UNITS = '/etc/systemd/system';

interface Flags {
  print?: boolean;
  dir: string;
  user?: string;
  name: string;
}

/** The account the daemon runs as: --user, else the one who ran sudo, else this one. */
const userOf = (flags: Flags): string =>
  flags.user ?? (process.env.SUDO_USER || userInfo().username);

function write(dir: string, unit: UnitFile): string {
  const path = join(dir, unit.file);
  if (existsSync(path) && readFileSync(path, 'utf8') === unit.text)
    return `${path} is already up to date`;
  try {
    writeFileSync(path, unit.text, { mode: 0o644 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw new Error(
        `writing ${path} needs root: run sudo ${process.execPath} ${join(CHECKOUT, 'bin', 'strikeline.js')} install-service (the unit keeps your user), or: strikeline install-service --print | sudo tee ${path}`,
      );
    throw e;
  }
  return `wrote ${path}`;
}

export function registerInstallService(program: Command): void {
  program
    .command('install-service')
    .description(
      'write the systemd unit of the stream daemon for this checkout, root, user and node (absolute paths); --print to see it',
    )
    .option('--print', 'print the unit instead of writing it')
    .option('--dir <dir>', 'where to write it', SYSTEM_UNITS)
    .option(
      '--user <name>',
      'the account the daemon runs as (default: the one who ran sudo, else you)',
    )
    .option(
      '--name <unit>',
      'the unit name, for a second install on the same machine',
      'strikeline',
    )
    .action((flags: Flags) => {
      if (!/^[A-Za-z0-9_.@-]+$/.test(flags.name))
        throw new UsageError(
          `--name: expected a unit name such as strikeline or strikeline-paper, found ${JSON.stringify(flags.name)}`,
        );
      let units: UnitFile[];
      try {
        units = systemdUnits(
          { service: readFileSync(join(CHECKOUT, 'deploy', 'strikeline.service'), 'utf8') },
          {
            checkout: CHECKOUT,
            root: readEnv().root,
            node: process.execPath,
            user: userOf(flags),
            name: flags.name,
            nodeFlags: DAEMON_NODE_FLAGS,
          },
        );
      } catch (e) {
        throw e instanceof UnitValueError ? new UsageError(e.message) : e;
      }
      if (flags.print === true) {
        process.stdout.write(
          units.map((u) => `# ${join(flags.dir, u.file)}\n${u.text}`).join('\n'),
        );
        return;
      }
      for (const unit of units) process.stdout.write(`${write(flags.dir, unit)}\n`);
      process.stdout.write(
        `start it: sudo systemctl daemon-reload && sudo systemctl enable --now ${flags.name}\nthen check: strikeline doctor\n`,
      );
    });
}
