/** @module The environment: `.env` (dotenv; real variables win) read once into a typed, secret-aware object. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { readSwitch, SWITCH_WORDS } from './switch-word.ts';
import { MIN_SECRET_LENGTH } from '../domain/secrets/scrub.ts';

export interface Env {
  readonly root: string;
  readonly apiKey: string | undefined;
  readonly secretKey: string | undefined;
  readonly endpoint: string;
  readonly streamUrl: string;
  readonly dataEndpoint: string;
  readonly dataStreamUrl: string;
  readonly tradingCapital: number | undefined;
  readonly tradingDisabled: boolean;
  readonly strategyDisabledList: readonly string[];
  readonly smtp: {
    readonly host: string | undefined;
    readonly port: number;
    readonly user: string | undefined;
    readonly pass: string | undefined;
    readonly emailTo: string | undefined;
    readonly smsTo: string | undefined;
  };
  readonly logLevel: string;
  /** Required by `strikeline dashboard` on any address but loopback (a secret: scrubbed everywhere). */
  readonly dashboardToken: string | undefined;
  /** Every secret value the environment holds (see {@link secretsOf}): what every output is scrubbed of. */
  readonly secrets: readonly string[];
}

export const PAPER_ENDPOINT = 'https://paper-api.alpaca.markets';

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** A boolean switch: unset or empty is the default; a word outside the vocabulary stops every command (fail closed). */
function envSwitch(vars: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = vars[name] ?? '';
  const reading = readSwitch(raw);
  if (reading === 'invalid')
    throw new EnvError(
      `${name}=${JSON.stringify(raw)} is not a switch: set it to ${SWITCH_WORDS}, or leave it empty`,
    );
  return reading === 'blank' ? fallback : reading;
}

/** Variables holding secrets: the credentials under both their names (a value under the unused one is a secret too) and SMTP_PASS. */
const SECRET_VARIABLES = [
  'ALPACA_API_KEY',
  'ALPACA_SECRET_KEY',
  'APCA_API_KEY_ID',
  'APCA_API_SECRET_KEY',
  'SMTP_PASS',
  'DASHBOARD_TOKEN',
] as const;
/** URLs that may carry a password (`https://user:password@proxy`). */
const URL_VARIABLES = [
  'ALPACA_ENDPOINT',
  'ALPACA_STREAM_URL',
  'ALPACA_DATA_ENDPOINT',
  'ALPACA_DATA_STREAM_URL',
] as const;

function urlPassword(raw: string | undefined): string | undefined {
  try {
    return raw === undefined ? undefined : decodeURIComponent(new URL(raw).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every secret value in `vars`, refusing (EnvError, exit 2) one shorter than MIN_SECRET_LENGTH: it would also occur
 * in ordinary text, so it could be neither scrubbed safely nor left in. The error names the variable, never the value.
 */
export function secretsOf(vars: NodeJS.ProcessEnv): string[] {
  const held: Array<readonly [string, string]> = [
    ...SECRET_VARIABLES.map((name) => [name, vars[name] ?? ''] as const),
    ...URL_VARIABLES.map(
      (name) => [`the password in ${name}`, urlPassword(vars[name]) ?? ''] as const,
    ),
  ].filter(([, value]) => value !== '');
  const short = held.find(([, value]) => value.length < MIN_SECRET_LENGTH);
  if (short !== undefined) {
    throw new EnvError(
      `${short[0]} is shorter than ${MIN_SECRET_LENGTH} characters: strikeline refuses a secret that short, as it could not be told apart from ordinary text in its output (see docs/security.md)`,
    );
  }
  return [...new Set(held.map(([, value]) => value))];
}

/** Stream and data URLs follow the trading endpoint: Alpaca's hosts, or the simulator's one port. */
export function deriveUrls(
  endpoint: string,
): Pick<Env, 'streamUrl' | 'dataEndpoint' | 'dataStreamUrl'> {
  const url = new URL(endpoint);
  if (url.hostname.endsWith('alpaca.markets')) {
    return {
      streamUrl: `wss://${url.host}/stream`,
      dataEndpoint: 'https://data.alpaca.markets',
      dataStreamUrl: 'wss://stream.data.alpaca.markets/v2/iex',
    };
  }
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    streamUrl: `${ws}//${url.host}/stream`,
    dataEndpoint: `${url.protocol}//${url.host}`,
    dataStreamUrl: `${ws}//${url.host}/v2/iex`,
  };
}

/** Reads `.env` from the root (TRADING_SYSTEM_ROOT or the working directory) without overriding real variables. */
export function readEnv(source: NodeJS.ProcessEnv = process.env, loadFile = true): Env {
  const root = resolve(source.TRADING_SYSTEM_ROOT ?? process.cwd());
  const vars: NodeJS.ProcessEnv = { ...source };
  const file = resolve(root, '.env');
  if (loadFile && existsSync(file)) {
    const parsed = loadDotenv({ path: file, processEnv: {}, quiet: true }).parsed ?? {};
    for (const [k, v] of Object.entries(parsed)) vars[k] ??= v;
  }
  const endpoint = (vars.ALPACA_ENDPOINT ?? PAPER_ENDPOINT)
    .replace(/\/+$/, '')
    .replace(/\/v2$/, '');
  try {
    new URL(endpoint);
  } catch {
    throw new EnvError(`ALPACA_ENDPOINT is not a URL: expected e.g. ${PAPER_ENDPOINT}`);
  }
  const derived = deriveUrls(endpoint);
  envSwitch(vars, 'STRIKELINE_DEBUG', false); // read by cli/errors.ts; checked here so a bad word stops the command
  const capital =
    vars.TRADING_CAPITAL === undefined || vars.TRADING_CAPITAL === ''
      ? undefined
      : Number(vars.TRADING_CAPITAL);
  if (capital !== undefined && !(capital > 0))
    throw new EnvError('TRADING_CAPITAL must be a positive number of dollars');
  const port = Number(vars.SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port <= 0) throw new EnvError('SMTP_PORT must be a port number');
  const apiKey = vars.ALPACA_API_KEY ?? vars.APCA_API_KEY_ID;
  const secretKey = vars.ALPACA_SECRET_KEY ?? vars.APCA_API_SECRET_KEY;
  const pass = vars.SMTP_PASS;
  return {
    root,
    apiKey,
    secretKey,
    endpoint,
    streamUrl: vars.ALPACA_STREAM_URL ?? derived.streamUrl,
    dataEndpoint: (vars.ALPACA_DATA_ENDPOINT ?? derived.dataEndpoint).replace(/\/+$/, ''),
    dataStreamUrl: vars.ALPACA_DATA_STREAM_URL ?? derived.dataStreamUrl,
    tradingCapital: capital,
    tradingDisabled: envSwitch(vars, 'TRADING_DISABLED', false),
    strategyDisabledList: (vars.STRATEGY_DISABLED_LIST ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    smtp: {
      host: vars.SMTP_HOST || undefined,
      port,
      user: vars.SMTP_USER || undefined,
      pass: pass || undefined,
      emailTo: vars.ALERT_EMAIL_TO || undefined,
      smsTo: vars.SMTP_TO_SMS || undefined,
    },
    logLevel: vars.LOG_LEVEL ?? 'info',
    dashboardToken: vars.DASHBOARD_TOKEN || undefined,
    secrets: secretsOf(vars),
  };
}

/** The credentials, or a clear error naming the variables to set. */
export function requireCredentials(env: Env): { keyId: string; secretKey: string } {
  if (!env.apiKey || !env.secretKey) {
    throw new EnvError(
      'Alpaca credentials missing: set ALPACA_API_KEY and ALPACA_SECRET_KEY in .env (see .env.example)',
    );
  }
  return { keyId: env.apiKey, secretKey: env.secretKey };
}
