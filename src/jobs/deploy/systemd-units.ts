/**
 * @module The systemd units of one install, from the templates in deploy/: the daemon's service, with this
 * checkout's entry point, the node that runs the CLI (absolute: a node from nvm or another version manager is not
 * on systemd's PATH, so `/usr/bin/env node` fails there) and the install's user and root. A list of units, so the
 * schedule's timers (issue 16) join the service here when they ship.
 */
import { join } from 'node:path';

export interface InstallFacts {
  /** The checkout whose bin/strikeline.js runs. */
  readonly checkout: string;
  /** TRADING_SYSTEM_ROOT: config/, state/, logs/, .env. */
  readonly root: string;
  /** Absolute path of the node binary. */
  readonly node: string;
  readonly user: string;
  /** The unit's name: `strikeline`, or another for a second install on the same machine. */
  readonly name: string;
  readonly nodeFlags: readonly string[];
}

export interface UnitFile {
  /** `strikeline.service`. */
  readonly file: string;
  readonly text: string;
}

/** A value systemd reads as one word: no whitespace, quote, backslash, % specifier or newline. */
const PLAIN = /^[^\s"'\\%]+$/;

export class UnitValueError extends Error {
  override readonly name = 'UnitValueError';
}

function plain(what: string, value: string): string {
  if (!PLAIN.test(value))
    throw new UnitValueError(
      `${what} ${JSON.stringify(value)} cannot go into a systemd unit (spaces, quotes, backslashes and % are not supported): move it, or use deploy/tmux.sh`,
    );
  return value;
}

/** Replaces the template's directives for this install; comments and every other line are kept as written. */
function fill(template: string, f: InstallFacts): string {
  const bin = join(f.checkout, 'bin', 'strikeline.js');
  const directives: Record<string, string> = {
    Documentation: `file://${join(f.checkout, 'docs', 'operations.md')}`,
    User: f.user,
    WorkingDirectory: f.root,
    'Environment=TRADING_SYSTEM_ROOT': f.root,
    EnvironmentFile: join(f.root, '.env'),
    ExecStart: [f.node, ...f.nodeFlags, bin, 'stream'].join(' '),
  };
  return template
    .split('\n')
    .map((line) => {
      const key = Object.keys(directives).find((k) => line.startsWith(`${k}=`));
      return key === undefined ? line : `${key}=${directives[key] ?? ''}`;
    })
    .join('\n');
}

/** The units to install, each from its template text (deploy/strikeline.service for the service). */
export function systemdUnits(
  templates: { readonly service: string },
  facts: InstallFacts,
): UnitFile[] {
  for (const [what, value] of [
    ['the checkout', facts.checkout],
    ['the root', facts.root],
    ['node', facts.node],
    ['the user', facts.user],
    ['the unit name', facts.name],
  ] as const)
    plain(what, value);
  const header = [
    `# Written by \`strikeline install-service\` for ${facts.root} (user ${facts.user}, node ${facts.node}).`,
    '# Run it again after moving the checkout or changing node; the template is deploy/strikeline.service.',
    '',
  ].join('\n');
  return [{ file: `${facts.name}.service`, text: `${header}${fill(templates.service, facts)}` }];
}
