/** @module `strikeline sim`: runs the Alpaca-compatible exchange simulator until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import type { Env } from '../config/env.ts';
import { MIN_SECRET_LENGTH } from '../domain/secrets/scrub.ts';
import { SIM_DEFAULTS } from '../sim/server/sim-defaults.ts';
import type { SimulatorOptions } from '../sim/start-simulator.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';
import { explainListenError } from './listen-error.ts';
import { writeSimCredentials } from './sim-credentials-file.ts';

export const DEFAULT_SIM_PORT = 8787;

export interface RawSimOptions {
  port?: string;
  seed?: string;
  symbols?: string;
  notFractionable?: string;
  cash?: string;
  start?: string;
  speed?: string;
  key?: string;
  secret?: string;
  spreadBps?: string;
  partialFillRate?: string;
  rateLimit?: string;
  textFrames?: boolean;
}

function num(
  raw: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`${flag} must be ${expected} (got ${JSON.stringify(raw)})`);
  return n;
}

function symbolList(raw: string | undefined, flag: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const bad = list.find((s) => !/^[A-Z][A-Z0-9.]{0,9}$/.test(s));
  if (bad !== undefined)
    throw new UsageError(`${flag}: ${JSON.stringify(bad)} is not a ticker symbol`);
  if (list.length === 0 && flag === '--symbols')
    throw new UsageError('--symbols needs at least one symbol');
  return list;
}

/**
 * The credentials the simulator accepts: --key/--secret, else the environment's (so `.env` works unchanged), else
 * none, and the simulator generates a pair. A pair it is: one given without the other is refused.
 */
function credentialsOf(
  raw: RawSimOptions,
  env: Pick<Env, 'apiKey' | 'secretKey'>,
): { key?: string; secret?: string } {
  if (raw.key === '' || raw.secret === '')
    throw new UsageError('--key and --secret must not be empty');
  for (const [flag, value] of [
    ['--key', raw.key],
    ['--secret', raw.secret],
  ] as const) {
    if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
      throw new UsageError(
        `${flag} is shorter than ${MIN_SECRET_LENGTH} characters: strikeline refuses credentials that short (see docs/security.md)`,
      );
    }
  }
  const key = raw.key ?? (env.apiKey || undefined);
  const secret = raw.secret ?? (env.secretKey || undefined);
  if ((key === undefined) !== (secret === undefined)) {
    throw new UsageError(
      '--key and --secret (or ALPACA_API_KEY and ALPACA_SECRET_KEY) go together: give both, or neither and the simulator generates a pair',
    );
  }
  return key === undefined || secret === undefined ? {} : { key, secret };
}

/** Validates the command line into simulator options; bad values throw UsageError (exit 2). */
export function parseSimOptions(
  raw: RawSimOptions,
  env: Pick<Env, 'apiKey' | 'secretKey'>,
): SimulatorOptions {
  const start = raw.start;
  if (
    start !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}/.test(start) || Number.isNaN(Date.parse(start)))
  ) {
    throw new UsageError(
      `--start must be an ISO-8601 time such as 2024-05-01T13:25:00Z (got ${JSON.stringify(start)})`,
    );
  }
  const out: { -readonly [K in keyof SimulatorOptions]: SimulatorOptions[K] } = {
    port:
      num(
        raw.port,
        '--port',
        (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
        'a port number 0-65535',
      ) ?? DEFAULT_SIM_PORT,
    ...credentialsOf(raw, env),
    textFrames: raw.textFrames ?? false,
  };
  const set = <K extends keyof SimulatorOptions>(
    key: K,
    value: SimulatorOptions[K] | undefined,
  ): void => {
    if (value !== undefined) out[key] = value;
  };
  set('seed', num(raw.seed, '--seed', Number.isInteger, 'an integer'));
  set('symbols', symbolList(raw.symbols, '--symbols'));
  set('notFractionable', symbolList(raw.notFractionable, '--not-fractionable'));
  set(
    'cash',
    num(raw.cash, '--cash', (n) => n > 0, 'a positive number of dollars'),
  );
  set('start', start);
  set(
    'speed',
    num(raw.speed, '--speed', (n) => n >= 0, 'a number >= 0 (simulated seconds per wall second)'),
  );
  set(
    'spreadBps',
    num(
      raw.spreadBps,
      '--spread-bps',
      (n) => n >= 0 && n <= 10_000,
      'a number of basis points >= 0',
    ),
  );
  set(
    'partialFillRate',
    num(
      raw.partialFillRate,
      '--partial-fill-rate',
      (n) => n >= 0 && n <= 1,
      'a probability between 0 and 1',
    ),
  );
  set(
    'rateLimitPerMinute',
    num(
      raw.rateLimit,
      '--rate-limit',
      (n) => Number.isInteger(n) && n >= 1,
      'a whole number of requests per minute >= 1',
    ),
  );
  return out;
}

const HELP = `
The simulator speaks Alpaca's wire protocols on one port of 127.0.0.1: trading REST (/v2/...), market-data
REST (/v2/stocks/...), the trading stream (/stream, JSON in binary frames) and the stock data stream
(/v2/iex, /v2/sip, /v2/test; msgpack for the SDK). Point the official SDK at it by rewriting its hosts
(see docs/simulator.md). It prints one JSON line when ready:
  {"event":"ready","rest":"http://127.0.0.1:PORT","tradingStream":"ws://127.0.0.1:PORT/stream",
   "dataStream":"ws://127.0.0.1:PORT/v2/iex","control":"http://127.0.0.1:PORT/sim"}

Credentials: --key/--secret, else ALPACA_API_KEY/ALPACA_SECRET_KEY from the environment or .env (at least
8 characters each). With neither, the simulator generates a random pair and writes it, never prints it, to
state/sim-PORT.env (mode 600), named by the ready line's "credentials" field; load it with
  set -a; . state/sim-8787.env; set +a
(see docs/simulator-credentials.md). Prefer the environment to --secret: other users can read a command line.

Control API (JSON over HTTP, the same APCA-API-KEY-ID / APCA-API-SECRET-KEY headers):
  GET  /sim/state                               clock, account, positions, open orders
  POST /sim/clock  {"advance_ms":N} | {"to":"ISO"} [, "quiet":true]
                                                move simulated time (synthetic trades, matching, open/close,
                                                day-order expiry); quiet = no synthetic trades
  POST /sim/trade  {"symbol":"AAPL","price":101.5,"size":100}
                                                print a trade now: streamed, NBBO moved, orders matched
  POST /sim/faults {"kind":"drop_streams","refuse_ms":N}         close every websocket, refuse N ms
                   {"kind":"duplicate_trade_updates","count":N}  send the next N trade updates twice
                   {"kind":"delay_trade_updates","ms":N}         hold every trade update N ms (0 = off)
                   {"kind":"reject_orders","count":N,"status":403,"message":"..."}
                   {"kind":"partial_fills","parts":N}            the next order fills in N executions

Example:
  strikeline sim --port 8787 --start 2024-05-01T13:25:00Z --speed 60
  set -a; . state/sim-8787.env; set +a
  curl -s -X POST -H "APCA-API-KEY-ID: $ALPACA_API_KEY" -H "APCA-API-SECRET-KEY: $ALPACA_SECRET_KEY" \\
       -d '{"advance_ms":600000}' http://127.0.0.1:8787/sim/clock
`;

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run the Alpaca-compatible exchange simulator on 127.0.0.1 until SIGINT/SIGTERM')
    .option('--port <n>', `TCP port on 127.0.0.1; 0 = any free port (default ${DEFAULT_SIM_PORT})`)
    .option(
      '--seed <n>',
      `seed of the synthetic market and the fill randomness (default ${SIM_DEFAULTS.seed})`,
    )
    .option(
      '--symbols <csv>',
      'symbols listed as assets (default: 36 US large caps, QQQ, IWM, SPY, VIXY)',
    )
    .option('--not-fractionable <csv>', 'symbols whose assets are not fractionable')
    .option('--cash <dollars>', `starting cash (default ${SIM_DEFAULTS.cash})`)
    .option(
      '--start <iso>',
      'simulated start time (default: 09:25 New York of the latest trading day at or before now)',
    )
    .option(
      '--speed <x>',
      'simulated seconds per wall second; 0 = time moves only through POST /sim/clock (default 0)',
    )
    .option(
      '--key <id>',
      'API key id accepted (default: ALPACA_API_KEY from the environment, else generated)',
    )
    .option(
      '--secret <secret>',
      'API secret accepted (default: ALPACA_SECRET_KEY from the environment, else generated)',
    )
    .option(
      '--spread-bps <bps>',
      `quoted spread around the last trade, basis points (default ${SIM_DEFAULTS.spreadBps})`,
    )
    .option(
      '--partial-fill-rate <p>',
      `probability that an execution is a partial fill (default ${SIM_DEFAULTS.partialFillRate})`,
    )
    .option(
      '--rate-limit <n>',
      `REST requests per key per minute before 429 (default ${SIM_DEFAULTS.rateLimitPerMinute}; Alpaca: 200)`,
    )
    .option('--text-frames', 'send the trading stream as text frames instead of binary (debugging)')
    .addHelpText('after', HELP)
    .action(async (raw: RawSimOptions) => {
      await withContext('sim', async (ctx) => {
        const options = parseSimOptions(raw, ctx.env);
        // Loaded on use: the other commands do not pay for the simulator's modules.
        const { startSimulator } = await import('../sim/start-simulator.ts');
        const sim = await startSimulator({ ...options, log: ctx.log }).catch((e: unknown) => {
          const explained = explainListenError(e, options.port ?? DEFAULT_SIM_PORT);
          throw explained === undefined ? e : new Error(explained);
        });
        const { rest, tradingStream, dataStream, control } = sim.urls;
        // Generated credentials go to a file of the user's own, never to the screen.
        const file =
          options.key === undefined
            ? writeSimCredentials({
                dir: ctx.paths.state,
                rest,
                port: sim.port,
                ...sim.credentials,
              })
            : undefined;
        const ready = {
          event: 'ready',
          rest,
          tradingStream,
          dataStream,
          control,
          ...(file === undefined ? {} : { credentials: file }),
        };
        process.stdout.write(`${JSON.stringify(ready)}\n`);
        if (file !== undefined)
          ctx.log.info(
            { file },
            'simulator credentials generated (load them with: set -a; . FILE; set +a)',
          );
        ctx.log.info(
          {
            rest,
            now: new Date(sim.exchange.now()).toISOString(),
            seed: options.seed ?? SIM_DEFAULTS.seed,
          },
          'simulator ready',
        );
        const signal = await new Promise<string>((resolve) => {
          process.once('SIGINT', () => {
            resolve('SIGINT');
          });
          process.once('SIGTERM', () => {
            resolve('SIGTERM');
          });
        });
        ctx.log.info({ signal }, 'simulator stopping');
        await sim.close();
        ctx.log.info({}, 'simulator stopped');
      });
    });
}
