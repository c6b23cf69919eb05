/**
 * `strikeline halt` against the simulator, through the real CLI, adapter and SDK: HALT is created with who and
 * why, every order is cancelled and every position flattened, the journal and an alert say so, `strikeline trade`
 * refuses afterwards, a second halt changes nothing, and after the close the liquidations wait for the open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentUser } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import {
  filesWithSecrets,
  openPositions,
  placeOco,
  smsBody,
  startSmtpSink,
} from '../../support/ops.ts';
import { runCli } from '../../support/run-cli.ts';
import {
  TEST_KEY,
  TEST_SECRET,
  control,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let env: Record<string, string>;

beforeAll(async () => {
  t = await startTestSimulator();
  smtp = await startSmtpSink();
  env = { ...t.env, ...smtp.env, LOG_LEVEL: 'debug', TRADING_DISABLED: '' };
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
  await openPositions(t, { AAPL: 10, MSFT: 5 });
  await placeOco(t, 'AAPL', 10, 120, 95);
});
afterAll(async () => {
  await smtp.close();
  await t.stop();
});

const journal = async () => {
  const store = openStore(join(t.root, 'state'));
  try {
    return store.journal.list();
  } finally {
    await store.close();
  }
};

describe('strikeline halt', () => {
  it('creates HALT, cancels every order, flattens every position, journals and alerts', async () => {
    const result = await runCli(['halt', '--reason', 'drill: broker incident'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `HALT created: ${join(t.root, 'killswitch', 'HALT')} (by ${currentUser()}: drill: broker incident)`,
    );
    expect(result.stdout).toContain(
      'canceled 1 open order, closing 2 positions at market (AAPL 10, MSFT 5)',
    );
    const halt = JSON.parse(readFileSync(join(t.root, 'killswitch', 'HALT'), 'utf8')) as Record<
      string,
      string
    >;
    expect(halt).toMatchObject({ who: currentUser(), reason: 'drill: broker incident' });
    expect(Date.parse(halt.ts ?? '')).toBeGreaterThan(0);
    const state = await waitFor(
      async () => {
        const s = await control(t.sim).state();
        return s.open_orders.length === 0 && s.positions.length === 0 ? s : undefined;
      },
      5_000,
      'a flat account',
    );
    expect(state.positions).toEqual([]);
    const actions = (await journal()).map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([`${currentUser()}:halt`, `${currentUser()}:halt_flatten`]),
    );
    const sms = await waitFor(
      () => smtp.mails.find((m) => m.to.includes('5551234567@vtext.com')),
      5_000,
      'the SMS alert',
    );
    expect(smsBody(sms)).toMatch(/^HALT by .+: drill: broker incident\. canceled 1 open order/);
    expect(smsBody(sms).length).toBeLessThanOrEqual(160);
  });

  it('blocks new entries: strikeline trade refuses while HALT exists', async () => {
    const result = await runCli(['trade'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('trading is halted');
    const state = await control(t.sim).state();
    expect(state.open_orders).toEqual([]);
    expect(state.positions).toEqual([]);
  });

  it('is idempotent: a second halt keeps the first record and finds nothing to flatten', async () => {
    const before = readFileSync(join(t.root, 'killswitch', 'HALT'), 'utf8');
    const result = await runCli(['halt'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('HALT already in place since');
    expect(result.stdout).toContain('canceled 0 open orders, no positions to close');
    expect(readFileSync(join(t.root, 'killswitch', 'HALT'), 'utf8')).toBe(before);
  });

  it('after the close, says the liquidating orders are queued for the open', async () => {
    await openPositions(t, { KO: 20 }, 60);
    await control(t.sim).clock({ to: '2024-05-01T20:10:00Z', quiet: true });
    const result = await runCli(['halt', '--json'], env);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      flatten: {
        marketOpen: boolean;
        closing: unknown[];
        liquidatingOrders: number;
        tsNextOpen: number;
      };
    };
    expect(outcome.flatten).toMatchObject({
      marketOpen: false,
      closing: [{ symbol: 'KO', qty: 20 }],
      liquidatingOrders: 1,
    });
    expect(outcome.flatten).toMatchObject({ tsNextOpen: Date.parse('2024-05-02T13:30:00Z') });
    const state = await control(t.sim).state();
    expect(state.positions.map((p) => p.symbol)).toEqual(['KO']);
    expect(state.open_orders).toMatchObject([{ symbol: 'KO', side: 'sell', type: 'market' }]);
  });

  it('after resume, HALT is gone and no secret was written to any file', async () => {
    const result = await runCli(['resume', '--ack', 'drill over'], env);
    expect(result.code).toBe(0);
    expect(existsSync(join(t.root, 'killswitch', 'HALT'))).toBe(false);
    expect(filesWithSecrets(t.root, [TEST_SECRET, TEST_KEY])).toEqual([]);
  });
});
