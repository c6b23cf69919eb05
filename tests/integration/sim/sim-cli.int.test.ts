/**
 * `strikeline sim` as a child process: the ready line, SDK calls against it, clean exit 0 on SIGTERM, exit 2 on bad
 * options; without credentials, a generated pair handed over in a mode-600 file the ready line names, never printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkFor, TEST_KEY, TEST_SECRET } from '../../support/sim.ts';

const BIN = join(import.meta.dirname, '../../../bin/strikeline.js');
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'strikeline-sim-cli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const NO_CREDENTIALS = {
  ALPACA_API_KEY: '',
  ALPACA_SECRET_KEY: '',
  APCA_API_KEY_ID: '',
  APCA_API_SECRET_KEY: '',
};

function run(
  args: string[],
  env: NodeJS.ProcessEnv = { ALPACA_API_KEY: TEST_KEY, ALPACA_SECRET_KEY: TEST_SECRET },
  at = root,
): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TRADING_SYSTEM_ROOT: at, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The first stdout line, parsed; rejects if the process exits before. */
function readyLine(child: ChildProcess): Promise<Record<string, string>> {
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.once('line', (line) => {
      resolve(JSON.parse(line) as Record<string, string>);
    });
    child.once('exit', (code) => {
      reject(new Error(`exited early with ${code}`));
    });
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      resolve({ code, stderr, stdout });
    }),
  );
}

describe('strikeline sim', () => {
  it("prints one ready line, serves the SDK with the environment's keys, and exits 0 on SIGTERM", async () => {
    const child = run([
      'sim',
      '--port',
      '0',
      '--start',
      '2024-05-01T13:25:00Z',
      '--symbols',
      'AAPL,SPY',
    ]);
    const done = exited(child);
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => {
        reject(new Error(`exited early with ${code}`));
      });
    });
    const ready = JSON.parse(first) as Record<string, string>;
    expect(Object.keys(ready)).toEqual(['event', 'rest', 'tradingStream', 'dataStream', 'control']);
    expect(ready.event).toBe('ready');
    expect(ready.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = ready.rest!.split(':')[2];
    expect(ready).toEqual({
      event: 'ready',
      rest: `http://127.0.0.1:${port}`,
      tradingStream: `ws://127.0.0.1:${port}/stream`,
      dataStream: `ws://127.0.0.1:${port}/v2/iex`,
      control: `http://127.0.0.1:${port}/sim`,
    });
    const { alpaca } = sdkFor({
      urls: {
        rest: ready.rest!,
        tradingStream: ready.tradingStream!,
        dataStream: ready.dataStream!,
        control: ready.control!,
      },
    });
    const clock = await alpaca.trading.clock.legacyClock();
    expect(clock.timestamp.toISOString()).toBe('2024-05-01T13:25:00.000Z');
    const assets = await alpaca.trading.assets.getV2Assets();
    expect(assets.map((a) => a.symbol)).toEqual(['AAPL', 'SPY']);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('without credentials, generates a pair, hands it over in a mode-600 file the ready line names, and never prints it', async () => {
    const own = mkdtempSync(join(tmpdir(), 'strikeline-sim-cli-gen-'));
    try {
      const child = run(
        ['sim', '--port', '0', '--start', '2024-05-01T13:25:00Z', '--symbols', 'AAPL'],
        { ...NO_CREDENTIALS, LOG_LEVEL: 'info' },
        own,
      );
      const done = exited(child);
      const ready = await readyLine(child);
      const port = ready.rest!.split(':')[2];
      expect(ready.credentials).toBe(join(own, 'state', `sim-${port}.env`));
      expect(statSync(ready.credentials!).mode & 0o777).toBe(0o600);
      const file = Object.fromEntries(
        readFileSync(ready.credentials!, 'utf8')
          .split('\n')
          .filter((l) => /^[A-Z_]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      ) as Record<string, string>;
      expect(file.ALPACA_API_KEY).toMatch(/^PKSIM[A-Z0-9]{15}$/);
      expect(file.ALPACA_SECRET_KEY).toMatch(/^[A-Za-z0-9]{40}$/);
      expect(file.ALPACA_ENDPOINT).toBe(ready.rest);
      const urls = {
        rest: ready.rest!,
        tradingStream: ready.tradingStream!,
        dataStream: ready.dataStream!,
        control: ready.control!,
      };
      const { alpaca } = sdkFor(
        { urls },
        { keyId: file.ALPACA_API_KEY!, secret: file.ALPACA_SECRET_KEY! },
      );
      expect((await alpaca.trading.assets.getV2Assets()).map((a) => a.symbol)).toEqual(['AAPL']);
      await expect(sdkFor({ urls }).alpaca.trading.assets.getV2Assets()).rejects.toThrow();
      child.kill('SIGTERM');
      const result = await done;
      expect(result.code).toBe(0);
      const logs = readdirSync(join(own, 'logs'))
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => readFileSync(join(own, 'logs', f), 'utf8'))
        .join('');
      expect(logs).toContain('"msg":"simulator ready"');
      expect(logs).not.toContain('[REDACTED]');
      for (const value of [file.ALPACA_API_KEY!, file.ALPACA_SECRET_KEY!])
        expect(result.stdout + result.stderr + logs).not.toContain(value);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('refuses credentials shorter than 8 characters (exit 2), naming the variable or flag, never the value', async () => {
    const fromEnv = await exited(
      run(['sim', '--port', '0'], {
        ...NO_CREDENTIALS,
        ALPACA_API_KEY: 'sim',
        ALPACA_SECRET_KEY: 'sim',
      }),
    );
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr.trim()).toMatch(
      /^strikeline: ALPACA_API_KEY is shorter than 8 characters: .*\(see docs\/security\.md\)$/,
    );
    const fromFlag = await exited(
      run(['sim', '--port', '0', '--key', 'PKLONGENOUGH', '--secret', 'sim'], NO_CREDENTIALS),
    );
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr.trim()).toMatch(/^strikeline: --secret is shorter than 8 characters/);
  });

  it('exits 2 with one clear line on a bad option', async () => {
    const result = await exited(run(['sim', '--port', 'abc']));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'strikeline: --port must be a port number 0-65535 (got "abc")',
    );
  });

  it('on a port in use, exits 1 with one line naming the port and how to pick another (no raw EADDRINUSE)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await exited(run(['sim', '--port', String(port)]));
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `strikeline: port ${port} on 127.0.0.1 is already in use (another strikeline sim?): pick another with --port N, or --port 0 for any free port (the ready line names it)\n`,
      );
      expect(result.stdout).toBe('');
    } finally {
      await new Promise<void>((resolve) =>
        taken.close(() => {
          resolve();
        }),
      );
    }
  });

  it('describes every option and the control API in --help', async () => {
    const result = await exited(run(['sim', '--help']));
    expect(result.code).toBe(0);
    for (const word of [
      '--port',
      '--seed',
      '--symbols',
      '--not-fractionable',
      '--cash',
      '--start',
      '--speed',
      '--key',
      '--secret',
      '--spread-bps',
      '--partial-fill-rate',
      '--rate-limit',
      '--text-frames',
      '/sim/state',
      '/sim/clock',
      '/sim/trade',
      '/sim/faults',
      'drop_streams',
      'reject_orders',
      'duplicate_trade_updates',
      'delay_trade_updates',
      'partial_fills',
    ]) {
      expect(result.stdout).toContain(word);
    }
  });
});
