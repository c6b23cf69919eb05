/**
 * setup_cron.sh, run with bash against a crontab file (STRIKELINE_CRONTAB_FILE), never the real crontab:
 * the lines it prints, idempotent installs, and a removal that leaves the user's own lines alone.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const SCRIPT = join(REPO, 'setup_cron.sh');
const NODE = '/opt/node/bin/node';

function setupCron(
  args: string[],
  crontab: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [SCRIPT, ...args],
      { env: { ...process.env, STRIKELINE_CRONTAB_FILE: crontab, STRIKELINE_NODE: NODE } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stdout,
          stderr,
        });
      },
    );
  });
}

const block = [
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
    expect(first.stdout).toContain('installed strikeline cron jobs');
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
});
