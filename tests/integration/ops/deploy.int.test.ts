/**
 * deploy/: tmux.sh starts the daemon in a named session once and only once (idempotent), from the install root;
 * the systemd unit restarts on failure (giving up on a crash loop), stops with SIGTERM, and runs `node bin/strikeline.js stream`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAEMON_NODE_FLAGS } from '../../../src/cli/daemon-node-flags.ts';
import { systemdUnits } from '../../../src/jobs/deploy/systemd-units.ts';
import { REPO, runCli } from '../../support/run-cli.ts';
import { waitFor } from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `strikeline-test-${process.pid}`;
let root: string;
let cleanup: () => void;

beforeAll(() => {
  ({ root, cleanup } = makeTempRoot('strikeline-deploy-'));
  // A stand-in daemon: prints what it was started with, then idles like `strikeline stream`.
  mkdirSync(join(root, 'bin'));
  // CommonJS whatever package.json a parent folder of the temp dir may hold.
  writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}\n');
  writeFileSync(
    join(root, 'bin', 'strikeline.js'),
    `require('node:fs').writeFileSync('started.txt', process.argv.slice(2).join(' ') + ' ' + process.env.TRADING_SYSTEM_ROOT); setInterval(() => {}, 1000);\n`,
  );
});
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['kill-session', '-t', `=${session}`]);
  cleanup();
});

const tmuxSh = () =>
  execFileSync(join(REPO, 'deploy', 'tmux.sh'), {
    env: {
      ...process.env,
      STRIKELINE_SESSION: session,
      STRIKELINE_ROOT: root,
      STRIKELINE_BIN: join(root, 'bin', 'strikeline.js'),
    },
    encoding: 'utf8',
  });

describe('deploy', () => {
  it.skipIf(!hasTmux)(
    'tmux.sh starts the daemon in its session once, and only reports it the second time',
    async () => {
      expect(tmuxSh()).toContain(`strikeline started in tmux session '${session}'`);
      const started = await waitFor(
        () => {
          try {
            return readFileSync(join(root, 'started.txt'), 'utf8');
          } catch {
            return undefined;
          }
        },
        20_000,
        'the daemon start',
      );
      expect(started).toBe(`stream ${root}`);
      expect(tmuxSh()).toContain(`strikeline is already running in tmux session '${session}'`);
      const sessions = execFileSync('tmux', ['list-sessions', '-F', '#{session_name}'], {
        encoding: 'utf8',
      }).split('\n');
      expect(sessions.filter((s) => s === session)).toHaveLength(1);
    },
  );

  it('the systemd unit restarts on failure, gives up on a crash loop, stops with SIGTERM and runs the stream daemon', () => {
    const unit = readFileSync(join(REPO, 'deploy', 'strikeline.service'), 'utf8');
    for (const line of [
      'Restart=on-failure',
      'RestartSec=5',
      'StartLimitIntervalSec=600',
      'StartLimitBurst=10',
      'KillSignal=SIGTERM',
      'TimeoutStopSec=30',
      'EnvironmentFile=/opt/strikeline/.env',
      'WorkingDirectory=/opt/strikeline',
      `ExecStart=/usr/bin/env node ${DAEMON_NODE_FLAGS.join(' ')} bin/strikeline.js stream`,
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
    if (spawnSync('systemd-analyze', ['--version']).status === 0) {
      const verify = spawnSync(
        'systemd-analyze',
        ['verify', join(REPO, 'deploy', 'strikeline.service')],
        { encoding: 'utf8' },
      );
      expect(verify.stderr).not.toMatch(/Unknown (key|section)|Invalid|Failed to parse/i);
    }
  });

  it('every launcher of the daemon gives node its flags (systemd above, tmux, make run)', () => {
    const tmux = readFileSync(join(REPO, 'deploy', 'tmux.sh'), 'utf8');
    const make = readFileSync(join(REPO, 'Makefile'), 'utf8');
    for (const flag of DAEMON_NODE_FLAGS) {
      expect(tmux).toContain(`%q ${flag} %q stream`);
      expect(make).toContain(`node ${flag} bin/strikeline.js stream`);
    }
  });

  it('install-service writes the unit for this checkout, root and user with the absolute node; --print shows it; a second run changes nothing', async () => {
    const units = join(root, 'units');
    mkdirSync(units);
    const env = { TRADING_SYSTEM_ROOT: root, SUDO_USER: '' };
    const [printed, written] = await Promise.all([
      runCli(['install-service', '--print'], env),
      runCli(['install-service', '--dir', units, '--name', 'strikeline-paper'], env),
    ]);
    expect(printed.code).toBe(0);
    expect(written.code).toBe(0);
    const file = join(units, 'strikeline-paper.service');
    expect(written.stdout).toBe(
      `wrote ${file}\nstart it: sudo systemctl daemon-reload && sudo systemctl enable --now strikeline-paper\nthen check: strikeline doctor\n`,
    );
    const unit = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const lines = unit.split('\n');
    for (const line of [
      `ExecStart=${process.execPath} ${DAEMON_NODE_FLAGS.join(' ')} ${join(REPO, 'bin', 'strikeline.js')} stream`,
      `User=${userInfo().username}`,
      `WorkingDirectory=${root}`,
      `Environment=TRADING_SYSTEM_ROOT=${root}`,
      `EnvironmentFile=${join(root, '.env')}`,
      `Documentation=file://${join(REPO, 'docs', 'operations.md')}`,
      'Restart=on-failure',
      'KillSignal=SIGTERM',
    ])
      expect(lines).toContain(line);
    expect(lines.filter((l) => !l.startsWith('#')).join('\n')).not.toMatch(
      /\/opt\/strikeline|User=trader|\/usr\/bin\/env/,
    );
    expect(printed.stdout).toBe(`# /etc/systemd/system/strikeline.service\n${unit}`);
    if (spawnSync('systemd-analyze', ['--version']).status === 0) {
      const verify = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(verify.stderr).not.toMatch(
        /Unknown (key|section)|Invalid|Failed to parse|not executable|is not absolute/i,
      );
    }
    const again = await runCli(
      ['install-service', '--dir', units, '--name', 'strikeline-paper'],
      env,
    );
    expect(again.stdout.split('\n')[0]).toBe(`${file} is already up to date`);
  });

  it('refuses paths systemd would split or expand (spaces, quotes, %)', () => {
    const facts = {
      checkout: REPO,
      root: '/srv/my root',
      node: process.execPath,
      user: 'me',
      name: 'strikeline',
      nodeFlags: DAEMON_NODE_FLAGS,
    };
    const template = { service: readFileSync(join(REPO, 'deploy', 'strikeline.service'), 'utf8') };
    expect(() => systemdUnits(template, facts)).toThrow(
      'the root "/srv/my root" cannot go into a systemd unit',
    );
    expect(() =>
      systemdUnits(template, { ...facts, root: '/srv/a', node: '/home/me/%n/node' }),
    ).toThrow(/node "\/home\/me\/%n\/node"/);
    expect(systemdUnits(template, { ...facts, root: '/srv/a' }).map((u) => u.file)).toEqual([
      'strikeline.service',
    ]);
  });
});
