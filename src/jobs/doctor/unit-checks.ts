/**
 * @module The doctor's check of the systemd units that start this root's daemon: their `ExecStart` must name a
 * node that systemd finds. `/usr/bin/env node` searches systemd's own PATH, where a node from nvm or another version
 * manager never is; an absolute node removed by an upgrade fails the same way (`strikeline install-service` fixes both).
 */
import { checksOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('daemon');

/** The PATH systemd gives a system service (`systemd-path search-binaries-default`). */
export const SYSTEMD_PATH = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

export interface UnitFileText {
  readonly path: string;
  readonly text: string;
}

export const directive = (text: string, key: string): string | undefined =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith(`${key}=`))
    ?.slice(key.length + 1)
    .trim();

/** The units that run `strikeline.js stream` for `root` (by TRADING_SYSTEM_ROOT, else WorkingDirectory). */
function unitsOf(units: readonly UnitFileText[], root: string): UnitFileText[] {
  return units.filter((u) => {
    if (!/bin\/strikeline\.js\s+stream\b/.test(directive(u.text, 'ExecStart') ?? '')) return false;
    const env = /TRADING_SYSTEM_ROOT=(\S+)/.exec(u.text)?.[1];
    return (env ?? directive(u.text, 'WorkingDirectory')) === root;
  });
}

/** Why systemd would not find the unit's node, or null when it would. */
export function nodeProblem(execStart: string, exists: (path: string) => boolean): string | null {
  const [first, second] = execStart.replace(/^[-@:+!]+/, '').split(/\s+/);
  if (first === '/usr/bin/env') {
    const found = SYSTEMD_PATH.some((dir) => exists(`${dir}/${second ?? 'node'}`));
    return found
      ? null
      : `ExecStart runs "/usr/bin/env ${second ?? ''}", and no ${second ?? 'node'} is on systemd's PATH (${SYSTEMD_PATH.join(':')}): a node from nvm or another version manager is not`;
  }
  return first !== undefined && exists(first)
    ? null
    : `ExecStart runs ${first ?? '(nothing)'}, which does not exist (node upgraded or moved?)`;
}

export function unitCheck(
  units: readonly UnitFileText[],
  root: string,
  exists: (path: string) => boolean,
): DoctorCheck {
  const mine = unitsOf(units, root);
  if (mine.length === 0)
    return c.ok(
      'daemon.unit',
      `no systemd unit runs the daemon for ${root} (tmux or by hand; strikeline install-service writes one)`,
    );
  const problems = mine.flatMap((u) => {
    const why = nodeProblem(directive(u.text, 'ExecStart') ?? '', exists);
    return why === null ? [] : [`${u.path}: ${why}`];
  });
  if (problems.length > 0)
    return c.fail(
      'daemon.unit',
      problems.join('; '),
      'rewrite it with the absolute node: strikeline install-service, then sudo systemctl daemon-reload && sudo systemctl restart strikeline',
    );
  return c.ok(
    'daemon.unit',
    `${mine.map((u) => u.path).join(', ')} starts the daemon with a node systemd finds`,
  );
}
