/**
 * setup_cron.sh, run with bash against a crontab file (STRIKELINE_CRONTAB_FILE), never the real crontab:
 * the line it prints (one tick every minute, the same on a UTC and a New York machine), idempotent installs, an
 * upgrade from the old per-job block, --print on a machine without cron, and a removal that leaves the user's lines.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const SCRIPT = join(REPO, 'setup_cron.sh');
/** By its path: a test runs the script with a PATH that has no bash on it. */
const BASH = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
const NODE = '/opt/node/bin/node';

function setupCron(
  args: string[],
  crontab: string | undefined,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = {
    ...process.env,
    STRIKELINE_CRONTAB_FILE: crontab,
    STRIKELINE_NODE: NODE,
    ...env,
  };
  if (crontab === undefined) delete base.STRIKELINE_CRONTAB_FILE;
  return new Promise((resolve) => {
    execFile(BASH, [SCRIPT, ...args], { env: base }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
        stdout,
        stderr,
      });
    });
  });
}

const block = [
  `# BEGIN strikeline ${REPO} (managed by setup_cron.sh; changes inside are replaced)`,
  `* * * * * cd '${REPO}' && '${NODE}' bin/strikeline.js tick >> '${REPO}/logs/cron-tick.log' 2>&1 # strikeline:${REPO}`,
  `# END strikeline ${REPO}`,
];
/** What the versions before the tick installed: CRON_TZ and one line per job (ignored by Debian's cron). */
const oldBlock = [
  `# BEGIN strikeline ${REPO} (managed by setup_cron.sh; changes inside are replaced)`,
  'CRON_TZ=America/New_York',
  ...[
    ['0 20', 'scan'],
    ['0 6', 'rank'],
    ['35 9', 'trade'],
    ['5 16', 'report'],
    ['30 16', 'research'],
  ].map(
    ([when, job]) =>
      `${when ?? ''} * * 1-5 cd '${REPO}' && '${NODE}' bin/strikeline.js ${job ?? ''} >> '${REPO}/logs/cron-${job ?? ''}.log' 2>&1 # strikeline:${REPO}`,
  ),
  `# END strikeline ${REPO}`,
];
const USER = 'MAILTO=me@example.com\n# backups\n15 2 * * * /usr/local/bin/backup\n';

describe('setup_cron.sh', () => {
  let dir: string;
  let cleanup: () => void;
  let crontab: string;
  beforeEach(() => {
    ({ root: dir, cleanup } = makeTempRoot('strikeline-cron-'));
    crontab = join(dir, 'crontab');
  });
  afterEach(() => {
    cleanup();
  });

  it('--print shows the crontab it would install, and touches nothing', async () => {
    writeFileSync(crontab, USER);
    const r = await setupCron(['--print'], crontab);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${USER}${block.join('\n')}\n`);
    expect(readFileSync(crontab, 'utf8')).toBe(USER);
  });

  it('installs once: a second run changes nothing, not even the file time', async () => {
    writeFileSync(crontab, USER);
    const first = await setupCron([], crontab);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('installed the strikeline tick');
    const installed = readFileSync(crontab, 'utf8');
    expect(installed).toBe(`${USER}${block.join('\n')}\n`);
    const mtime = statSync(crontab).mtimeMs;
    const second = await setupCron([], crontab);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing changed');
    expect(readFileSync(crontab, 'utf8')).toBe(installed);
    expect(statSync(crontab).mtimeMs).toBe(mtime);
  });

  it('--remove takes out only its lines; a user line added after the block survives a reinstall', async () => {
    writeFileSync(crontab, USER);
    await setupCron([], crontab);
    writeFileSync(crontab, `${readFileSync(crontab, 'utf8')}30 3 * * * /usr/local/bin/later\n`);
    expect((await setupCron([], crontab)).code).toBe(0);
    expect(readFileSync(crontab, 'utf8')).toBe(
      `${USER}30 3 * * * /usr/local/bin/later\n${block.join('\n')}\n`,
    );
    const removed = await setupCron(['--remove'], crontab);
    expect(removed.code).toBe(0);
    expect(readFileSync(crontab, 'utf8')).toBe(`${USER}30 3 * * * /usr/local/bin/later\n`);
    expect((await setupCron(['--remove'], crontab)).stdout).toContain('nothing changed');
  });

  it('installs into an empty crontab and refuses an unknown option', async () => {
    expect(existsSync(crontab)).toBe(false);
    expect((await setupCron([], crontab)).code).toBe(0);
    expect(readFileSync(crontab, 'utf8')).toBe(`${block.join('\n')}\n`);
    const bad = await setupCron(['--frobnicate'], crontab);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--frobnicate'");
  });

  it('prints the same line on a UTC machine and a New York machine: no time in it, no CRON_TZ', async () => {
    writeFileSync(crontab, USER);
    const utc = await setupCron(['--print'], crontab, { TZ: 'UTC' });
    const ny = await setupCron(['--print'], crontab, { TZ: 'America/New_York' });
    expect(utc.code).toBe(0);
    expect(utc.stdout).toBe(ny.stdout);
    expect(utc.stdout).not.toContain('CRON_TZ');
  });

  it('replaces the old per-job block with the tick line', async () => {
    writeFileSync(crontab, `${USER}${oldBlock.join('\n')}\n`);
    const r = await setupCron([], crontab);
    expect(r.code).toBe(0);
    expect(readFileSync(crontab, 'utf8')).toBe(`${USER}${block.join('\n')}\n`);
  });

  it('--print works on a machine without cron (no crontab command); installing there says what to install', async () => {
    // A PATH holding only the tools the script uses, and no crontab.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['awk', 'sed', 'cat', 'dirname', 'mkdir', 'mv'])
      symlinkSync(
        execFileSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
        join(bin, tool),
      );
    const printed = await setupCron(['--print'], undefined, { PATH: bin });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toBe(`${block.join('\n')}\n`);
    const install = await setupCron([], undefined, { PATH: bin });
    expect(install.code).toBe(1);
    expect(install.stderr).toContain('the crontab command is missing');
  });
});
