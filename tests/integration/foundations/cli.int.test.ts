import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

const SECRETS = {
  ALPACA_API_KEY: 'PKREDACTME9876',
  ALPACA_SECRET_KEY: 'topSecretValue!42',
  SMTP_PASS: 'mailPassword77',
};

function rootWith(name: string, yaml?: string): string {
  const root = join(temp.root, name);
  mkdirSync(join(root, 'config'), { recursive: true });
  if (yaml !== undefined) writeFileSync(join(root, 'config', 'config.yaml'), yaml);
  return root;
}

function readTree(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
    .join('\n');
}

describe('strikeline CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: strikeline/);
    expect(r.stdout).toMatch(/config/);
  });

  it('bad usage exits 2 with one line on stderr', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
  });

  it('config check prints the effective configuration with secrets masked', async () => {
    const root = rootWith('valid', 'exits:\n  stop_loss_pct: 4\n');
    const r = await runCli(['config', 'check'], { TRADING_SYSTEM_ROOT: root, ...SECRETS });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/configuration is valid/);
    expect(r.stdout).toMatch(/stop_loss_pct: 4/);
    expect(r.stdout).toMatch(/ALPACA_API_KEY: "?\*\*\*\* \(set\)"?/);
    for (const s of Object.values(SECRETS)) expect(r.stdout + r.stderr).not.toContain(s);
  });

  it('config check warns, in its header and its JSON, about enabled strategies with allocation_pct 0', async () => {
    const r = await runCli(['config', 'check'], { TRADING_SYSTEM_ROOT: rootWith('unfunded') });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(
      '# warning: strategies: enabled with allocation_pct 0, so they never open positions (trade refuses their signals: no_allocation): rsi_mean_reversion, ma_crossover, momentum, ml_momentum',
    );
    const funded =
      'strategies:\n  rsi_mean_reversion: { enabled: false }\n  ma_crossover: { enabled: false }\n  momentum: { enabled: false }\n  ml_momentum: { enabled: false }\n';
    const j = await runCli(['config', 'check', '--json'], {
      TRADING_SYSTEM_ROOT: rootWith('funded', funded),
    });
    expect(j.code).toBe(0);
    expect((JSON.parse(j.stdout) as { warnings: string[] }).warnings).toEqual([]);
    expect(j.stdout).not.toContain('never open positions');
  });

  it('a broken config.yaml exits 2 and names the bad key path', async () => {
    const root = rootWith('broken', 'capital:\n  max_positions: many\n');
    const r = await runCli(['config', 'check'], { TRADING_SYSTEM_ROOT: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /capital\.max_positions: expected an integer in \[1, 200\], found string "many"/,
    );
  });

  it('reads .env from the root, lets real variables win, and never logs a secret', async () => {
    const root = rootWith('dotenv');
    writeFileSync(
      join(root, '.env'),
      `ALPACA_API_KEY=${SECRETS.ALPACA_API_KEY}\nALPACA_SECRET_KEY=${SECRETS.ALPACA_SECRET_KEY}\nSMTP_PASS=${SECRETS.SMTP_PASS}\nLOG_LEVEL=warn\n`,
    );
    const r = await runCli(['config', 'check', '--json'], {
      TRADING_SYSTEM_ROOT: root,
      LOG_LEVEL: 'debug',
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { environment: Record<string, string> };
    expect(out.environment.ALPACA_SECRET_KEY).toBe('**** (set)');
    expect(out.environment.LOG_LEVEL).toBe('debug');
    const logs = readTree(join(root, 'logs'));
    expect(logs).toMatch(/configuration checked/);
    for (const s of Object.values(SECRETS)) expect(logs + r.stdout + r.stderr).not.toContain(s);
  });
});
