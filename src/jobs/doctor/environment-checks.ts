/**
 * @module The doctor's environment checks: `.env` present and private (mode 600), the required variables set,
 * secrets long enough to be scrubbed, the config valid and the enabled strategies' allocations summing to 100 %.
 * Names of variables are printed, never their values.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { readEnv, secretsOf, type Env } from '../../config/env.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Config } from '../../config/schema.ts';
import { unfundedWarning } from '../../config/unfunded-strategies.ts';
import { checksOf, messageOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('environment');

/** The variables as the commands see them: the real environment, then .env for what it leaves unset. */
function variables(source: NodeJS.ProcessEnv, file: string): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...source };
  if (existsSync(file))
    for (const [k, v] of Object.entries(
      loadDotenv({ path: file, processEnv: {}, quiet: true }).parsed ?? {},
    ))
      vars[k] ??= v;
  return vars;
}

function fileChecks(file: string): DoctorCheck[] {
  if (!existsSync(file))
    return [
      c.warn(
        'env.file',
        `${file} is missing: only the process environment is read (systemd's EnvironmentFile= and cron need the file)`,
        'copy .env.example to .env, fill it in, chmod 600 .env',
      ),
      c.ok('env.permissions', 'no .env to protect'),
    ];
  const mode = statSync(file).mode & 0o777;
  const octal = mode.toString(8).padStart(3, '0');
  return [
    c.ok('env.file', `${file} present`),
    (mode & 0o077) === 0
      ? c.ok('env.permissions', `mode ${octal}: only its owner reads it`)
      : c.fail(
          'env.permissions',
          `mode ${octal}: other accounts on this machine can ${(mode & 0o066) === 0 ? 'reach' : 'read'} the broker keys`,
          `chmod 600 ${file}`,
        ),
  ];
}

function variableCheck(vars: NodeJS.ProcessEnv): DoctorCheck {
  const missing = [
    ...(vars.ALPACA_API_KEY || vars.APCA_API_KEY_ID ? [] : ['ALPACA_API_KEY']),
    ...(vars.ALPACA_SECRET_KEY || vars.APCA_API_SECRET_KEY ? [] : ['ALPACA_SECRET_KEY']),
  ];
  if (missing.length > 0)
    return c.fail(
      'env.variables',
      `${missing.join(' and ')} not set`,
      'set the Alpaca keys in .env (see .env.example)',
    );
  const endpoint = vars.ALPACA_ENDPOINT
    ? 'ALPACA_ENDPOINT'
    : 'ALPACA_ENDPOINT unset (the paper host)';
  return c.ok('env.variables', `set: ALPACA_API_KEY, ALPACA_SECRET_KEY; ${endpoint}`);
}

function secretCheck(vars: NodeJS.ProcessEnv): DoctorCheck {
  try {
    return c.ok(
      'env.secrets',
      `${secretsOf(vars).length} secret(s), each long enough to be scrubbed from every output`,
    );
  } catch (e) {
    return c.fail(
      'env.secrets',
      messageOf(e),
      'use the full key from the broker (a secret is at least 8 characters)',
    );
  }
}

export interface EnvironmentResult {
  readonly checks: DoctorCheck[];
  /** The environment as every command reads it; undefined when a command would refuse it. */
  readonly env: Env | undefined;
}

export function environmentChecks(source: NodeJS.ProcessEnv, root: string): EnvironmentResult {
  const file = join(root, '.env');
  const vars = variables(source, file);
  const checks = [...fileChecks(file), variableCheck(vars), secretCheck(vars)];
  try {
    return { checks, env: readEnv(source) };
  } catch (e) {
    // A refusal not named above (a switch word, a URL, a port): the commands stop on it, so does the doctor.
    const named = checks.some((k) => k.status === 'fail' && k.id === 'env.secrets');
    return {
      checks: named
        ? checks
        : [...checks, c.fail('env.values', messageOf(e), 'correct that variable in .env')],
      env: undefined,
    };
  }
}

function allocationCheck(config: Config): DoctorCheck {
  const enabled = Object.entries(config.strategies).filter(
    ([, s]) => s.enabled && s.allocation_pct > 0,
  );
  const sum = enabled.reduce((total, [, s]) => total + s.allocation_pct, 0);
  const terms = enabled.map(([name, s]) => `${name} ${s.allocation_pct}`).join(' + ');
  const summary = `enabled strategies sum to ${Math.round(sum * 1e6) / 1e6} %: ${terms}`;
  const unfunded = unfundedWarning(config);
  return unfunded === null
    ? c.ok('config.allocations', summary)
    : c.warn(
        'config.allocations',
        `${summary}; ${unfunded}`,
        'give them an allocation_pct (the enabled ones summing to 100) or set enabled: false',
      );
}

export interface ConfigResult {
  readonly checks: DoctorCheck[];
  readonly config: Config | undefined;
}

/** The schema itself refuses allocations that do not sum to 100 %: a valid config has them right. */
export function configChecks(file: string): ConfigResult {
  try {
    const { config, source } = loadConfig(file);
    return {
      checks: [
        c.ok(
          'config.valid',
          source === 'defaults' ? `no ${file}: the defaults apply` : `${source} valid`,
        ),
        allocationCheck(config),
      ],
      config,
    };
  } catch (e) {
    const message = messageOf(e);
    const allocations = /allocation_pct of the enabled strategies/.test(message)
      ? c.fail(
          'config.allocations',
          "the enabled strategies' allocation_pct do not sum to 100 (see config.valid)",
          'set strategies.<name>.allocation_pct in config/config.yaml so the enabled ones sum to 100',
        )
      : c.notChecked('config.allocations', 'the config is invalid');
    return {
      checks: [
        c.fail(
          'config.valid',
          message,
          'correct config/config.yaml (strikeline config check shows each bad key)',
        ),
        allocations,
      ],
      config: undefined,
    };
  }
}
