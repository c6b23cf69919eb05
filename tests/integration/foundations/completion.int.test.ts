/**
 * `strikeline completion bash|zsh`: scripts a real bash completes with (commands, subcommands, options, argument
 * words, file paths after a path option, nothing after a free-text one), and that zsh loads and registers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const hasZsh = spawnSync('zsh', ['--version']).status === 0;
const temp = makeTempRoot('strikeline-completion-');
let bash: CliResult;
let zsh: CliResult;
beforeAll(async () => {
  [bash, zsh] = await Promise.all([runCli(['completion', 'bash']), runCli(['completion', 'zsh'])]);
  writeFileSync(join(temp.root, 'strikeline.bash'), bash.stdout);
  writeFileSync(join(temp.root, '_strikeline'), zsh.stdout);
  writeFileSync(join(temp.root, 'signals.csv'), 'rank\n');
}, 60_000);
afterAll(() => {
  temp.cleanup();
});

/** What bash offers for the words typed so far (the last one being completed). */
function complete(...words: string[]): string[] {
  const script = `source ${JSON.stringify(join(temp.root, 'strikeline.bash'))}
COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_strikeline; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd: temp.root })
    .split('\n')
    .filter(Boolean);
}

describe('strikeline completion', () => {
  it('bash: commands, subcommands, options, argument words, paths after --csv, nothing after a free-text option', () => {
    expect(bash.code).toBe(0);
    expect(complete('strikeline', 's')).toEqual(['sim', 'scan', 'stream', 'status', 'schedule']);
    expect(complete('strikeline', 'do')).toEqual(['doctor']);
    expect(complete('strikeline', 'config', '')).toEqual(['check']);
    expect(complete('strikeline', 'config', 'check', '--j')).toEqual(['--json']);
    expect(complete('strikeline', 'completion', '')).toEqual(['bash', 'zsh', '--help']);
    expect(complete('strikeline', 'trade', '--csv', join(temp.root, 'sig'))).toEqual([
      join(temp.root, 'signals.csv'),
    ]);
    expect(complete('strikeline', 'doctor', '--')).toEqual(['--json', '--send-test', '--help']);
    expect(complete('strikeline', 'sim', '--port', '')).toEqual([]);
    expect(complete('strikeline', 'status', '--')).toEqual(['--json', '--journal', '--help']);
  });

  it.skipIf(!hasZsh)(
    'zsh: the script parses, and once loaded after compinit completes strikeline with _strikeline',
    () => {
      expect(zsh.code).toBe(0);
      expect(zsh.stdout.split('\n')[0]).toBe('#compdef strikeline');
      const file = join(temp.root, '_strikeline');
      expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
      const out = execFileSync(
        'zsh',
        [
          '-f',
          '-c',
          `autoload -Uz compinit && compinit -u -d ${JSON.stringify(join(temp.root, '.zcompdump'))} && source ${JSON.stringify(file)} && print -r -- $_comps[strikeline]`,
        ],
        { encoding: 'utf8' },
      );
      expect(out.trim()).toBe('_strikeline');
    },
  );

  it('zsh: each command with its help, and each option with its help and value', () => {
    expect(zsh.stdout).toContain("'install-service:");
    expect(zsh.stdout).toContain("'doctor:check this box before trusting it with money");
    expect(zsh.stdout).toMatch(
      /'--port\[TCP port on 127\.0\.0\.1; 0 = any free port \(default 8787\)\]:port: '/,
    );
    expect(zsh.stdout).toMatch(/'--csv\[[^\]]*\]:csv:_files'/);
    expect(zsh.stdout).toContain("'1:argument:(bash zsh)'");
  });

  it('refuses another shell with exit 2', async () => {
    const fish = await runCli(['completion', 'fish']);
    expect(fish.code).toBe(2);
    expect(fish.stderr).toMatch(
      /value 'fish' is invalid for argument 'shell'\. Allowed choices are bash, zsh/,
    );
  });
});
