/**
 * Config and switches refused through the real CLI, as a user meets them (issue 11 item 7, issue 20):
 * nonsense exits 2 with one line naming the key, a bad switch word stops every command, a YAML syntax
 * error shows the offending line with a caret, and a typo gets a "did you mean".
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

// Each case spawns the CLI (tsx) on a shared machine: a deadline for a hung process, never a measure of speed.
vi.setConfig({ testTimeout: 300_000 });

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

let roots = 0;
function rootWith(yaml?: string): string {
  const root = join(temp.root, `root-${roots++}`);
  mkdirSync(join(root, 'config'), { recursive: true });
  if (yaml !== undefined) writeFileSync(join(root, 'config', 'config.yaml'), yaml);
  return root;
}

const lines = (stderr: string): string[] => stderr.trimEnd().split('\n');

/** Every command, with arguments that would otherwise run it. */
const COMMANDS = [
  ['config', 'check'],
  ['status'],
  ['halt'],
  ['resume', '--ack', 'reviewed the account'],
  ['trade'],
  ['rank'],
  ['scan'],
  ['report'],
  ['stream'],
  ['sim', '--port', '0'],
  ['demo'],
];

describe('config check refuses nonsense with exit 2 and one line naming the key', () => {
  it.each([
    [
      'exits:\n  stop_loss_pct: 0\n',
      'exits.stop_loss_pct: expected a number in (0, 50), found number 0',
    ],
    [
      'exits:\n  stop_loss_pct: 100\n',
      'exits.stop_loss_pct: expected a number in (0, 50), found number 100',
    ],
    [
      'protection:\n  audit_interval_ms: 1\n',
      'protection.audit_interval_ms: expected an integer in [1000, 86400000], found number 1',
    ],
    [
      'vix_regimes:\n  high_from: 40\n',
      'vix_regimes.extreme_from: expected a level above vix_regimes.high_from (40), found number 35 (the default)',
    ],
    [
      'strategies:\n  mean_reversion: { allocation_pct: 40 }\n',
      'strategies: expected the allocation_pct of the enabled strategies to sum to 100, found 110 (mean_reversion 40 + ',
    ],
  ])('%j', async (yaml, message) => {
    const r = await runCli(['config', 'check'], { TRADING_SYSTEM_ROOT: rootWith(yaml) });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('the daemon does not start with a stop loss of 0 either', async () => {
    const r = await runCli(['stream'], {
      TRADING_SYSTEM_ROOT: rootWith('exits:\n  stop_loss_pct: 0\n'),
    });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('"event":"ready"');
    expect(r.stderr).toContain('exits.stop_loss_pct: expected a number in (0, 50), found number 0');
  });
});

describe('a switch word outside true/false, 1/0, yes/no, on/off stops every command (fail closed)', () => {
  const refused = (word: string) =>
    `strikeline: TRADING_DISABLED="${word}" is not a switch: set it to true/false, 1/0, yes/no or on/off, or leave it empty`;

  /** Runs the commands two at a time (the machine has two cores) and returns each one's exit code and last stderr line. */
  async function runEach(
    commands: readonly string[][],
    env: Record<string, string>,
  ): Promise<{ command: string; code: number; last: string | undefined }[]> {
    const out: { command: string; code: number; last: string | undefined }[] = [];
    for (let i = 0; i < commands.length; i += 2) {
      const batch = commands.slice(i, i + 2);
      const results = await Promise.all(batch.map((args) => runCli(args, env, 120_000)));
      results.forEach((r, j) =>
        out.push({
          command: (batch[j] ?? []).join(' '),
          code: r.code,
          last: lines(r.stderr).at(-1),
        }),
      );
    }
    return out;
  }

  it('TRADING_DISABLED=Y: every command exits 2 naming the variable and the accepted words, touching nothing', async () => {
    const root = rootWith();
    const results = await runEach(COMMANDS, { TRADING_SYSTEM_ROOT: root, TRADING_DISABLED: 'Y' });
    expect(results).toEqual(
      COMMANDS.map((c) => ({ command: c.join(' '), code: 2, last: refused('Y') })),
    );
    expect(existsSync(join(root, 'state'))).toBe(false);
  }, 900_000);

  it.each(['halt', 'enabled'])(
    'TRADING_DISABLED=%s: config check and the daemon exit 2 alike',
    async (word) => {
      const results = await runEach([['config', 'check'], ['stream']], {
        TRADING_SYSTEM_ROOT: rootWith(),
        TRADING_DISABLED: word,
      });
      expect(results.map((r) => [r.code, r.last])).toEqual([
        [2, refused(word)],
        [2, refused(word)],
      ]);
    },
  );

  it('accepts the words in any case and with blanks, and STRIKELINE_DEBUG is checked alike', async () => {
    const root = rootWith();
    const on = await runCli(['config', 'check', '--json'], {
      TRADING_SYSTEM_ROOT: root,
      TRADING_DISABLED: ' Yes ',
    });
    expect(on.code).toBe(0);
    expect(
      (JSON.parse(on.stdout) as { environment: Record<string, string> }).environment
        .TRADING_DISABLED,
    ).toBe('true');
    const debug = await runCli(['status'], {
      TRADING_SYSTEM_ROOT: root,
      STRIKELINE_DEBUG: 'verbose',
    });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toContain('STRIKELINE_DEBUG="verbose" is not a switch');
  });
});

describe('YAML mistakes a person can fix from the message', () => {
  it('a syntax error shows the lines around it with a caret, then ends with one clear line', async () => {
    const root = rootWith('exits:\n  stop_loss_pct: 5\n   take_profit_pct: 20\n');
    const r = await runCli(['config', 'check'], { TRADING_SYSTEM_ROOT: root });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      '  1 | exits:',
      '  2 |   stop_loss_pct: 5',
      '    |                  ^',
      '  3 |    take_profit_pct: 20',
      `strikeline: ${join(root, 'config', 'config.yaml')}:2:18: not valid YAML: Nested mappings are not allowed in compact mappings`,
    ]);
  });

  it('a key typo gets a "did you mean"', async () => {
    const r = await runCli(['config', 'check'], {
      TRADING_SYSTEM_ROOT: rootWith('capital:\n  max_postions: 3\n'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'capital.max_postions: unknown key (did you mean `capital.max_positions`?)',
    );
  });
});
