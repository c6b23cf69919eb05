import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

let root: string;
let cleanup: () => void;
beforeEach(() => {
  ({ root, cleanup } = makeTempRoot('strikeline-halt-'));
});
afterEach(() => {
  cleanup();
});

describe('strikeline halt when the broker cannot be reached', () => {
  it('still creates HALT, then fails with one clear line (exit 1)', async () => {
    const env = {
      TRADING_SYSTEM_ROOT: root,
      ALPACA_API_KEY: 'PKUNREACH',
      ALPACA_SECRET_KEY: 'unreachable-secret',
      ALPACA_ENDPOINT: 'http://127.0.0.1:9',
    };
    const result = await runCli(['halt', '--reason', 'network down'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^strikeline: HALT is in place, but the account could not be flattened: .+\n$/,
    );
    expect(result.stderr).not.toContain('unreachable-secret');
    expect(JSON.parse(readFileSync(join(root, 'killswitch', 'HALT'), 'utf8'))).toMatchObject({
      reason: 'network down',
    });
  });

  it('without credentials, HALT is created all the same', async () => {
    const result = await runCli(['halt'], {
      TRADING_SYSTEM_ROOT: root,
      ALPACA_API_KEY: '',
      ALPACA_SECRET_KEY: '',
      APCA_API_KEY_ID: '',
      APCA_API_SECRET_KEY: '',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Alpaca credentials missing');
    expect(existsSync(join(root, 'killswitch', 'HALT'))).toBe(true);
  });
});
