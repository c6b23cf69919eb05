/** `strikeline sim` as a child process: the ready line, SDK calls against it, clean exit 0 on SIGTERM, exit 2 on bad options. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function run(args: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, TRADING_SYSTEM_ROOT: root, LOG_LEVEL: 'warn', ALPACA_API_KEY: TEST_KEY, ALPACA_SECRET_KEY: TEST_SECRET };
  return spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  return new Promise((resolve) => child.on('exit', (code) => { resolve({ code, stderr, stdout }); }));
}

describe('strikeline sim', () => {
  it('prints one ready line, serves the SDK with the environment\'s keys, and exits 0 on SIGTERM', async () => {
    const child = run(['sim', '--port', '0', '--start', '2024-05-01T13:25:00Z', '--symbols', 'AAPL,SPY']);
    const done = exited(child);
    const lines = createInterface({ input: child.stdout! });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => { reject(new Error(`exited early with ${code}`)); });
    });
    const ready = JSON.parse(first) as Record<string, string>;
    expect(Object.keys(ready)).toEqual(['event', 'rest', 'tradingStream', 'dataStream', 'control']);
    expect(ready.event).toBe('ready');
    expect(ready.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = ready.rest!.split(':')[2];
    expect(ready).toEqual({
      event: 'ready', rest: `http://127.0.0.1:${port}`, tradingStream: `ws://127.0.0.1:${port}/stream`,
      dataStream: `ws://127.0.0.1:${port}/v2/iex`, control: `http://127.0.0.1:${port}/sim`,
    });
    const { alpaca } = sdkFor({ urls: { rest: ready.rest!, tradingStream: ready.tradingStream!, dataStream: ready.dataStream!, control: ready.control! } });
    const clock = await alpaca.trading.clock.legacyClock();
    expect(clock.timestamp.toISOString()).toBe('2024-05-01T13:25:00.000Z');
    const assets = await alpaca.trading.assets.getV2Assets();
    expect(assets.map((a) => a.symbol)).toEqual(['AAPL', 'SPY']);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one clear line on a bad option', async () => {
    const result = await exited(run(['sim', '--port', 'abc']));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('strikeline: --port must be a port number 0-65535 (got "abc")');
  });

  it('describes every option and the control API in --help', async () => {
    const result = await exited(run(['sim', '--help']));
    expect(result.code).toBe(0);
    for (const word of ['--port', '--seed', '--symbols', '--not-fractionable', '--cash', '--start', '--speed', '--key', '--secret',
      '--spread-bps', '--partial-fill-rate', '--rate-limit', '--text-frames', '/sim/state', '/sim/clock', '/sim/trade', '/sim/faults',
      'drop_streams', 'reject_orders', 'duplicate_trade_updates', 'delay_trade_updates', 'partial_fills']) {
      expect(result.stdout).toContain(word);
    }
  });
});
