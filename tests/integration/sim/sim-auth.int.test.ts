/** Credentials and rate limits through the official SDK: REST 401, terminal trading/data stream refusals, 429 with headers. */
import { AuthError, RateLimitError, withResponse } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  TEST_KEY,
  TEST_SECRET,
  connectTradeUpdates,
  control,
  sdkFor,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const wrong = { keyId: 'PKWRONG', secret: 'nope' };

describe('bad credentials', () => {
  it("REST answers 401 (AuthError) with Alpaca's envelope", async () => {
    t = await startTestSimulator();
    const e = await sdkFor(t.sim, wrong)
      .alpaca.trading.account.getAccount()
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).status).toBe(401);
    expect((e as AuthError).code).toBe(40110000);
    expect((e as AuthError).message).toContain('request is not authorized');
  });

  it('the trading stream refuses terminally: no reconnect', async () => {
    t = await startTestSimulator();
    const stream = sdkFor(t.sim, wrong).tradingStream();
    const errors: string[] = [];
    const states: string[] = [];
    stream.onError((m) => errors.push(m));
    stream.onStateChange((s) => states.push(s));
    stream.connect();
    const result = await stream.waitForAuthenticationResult(5000);
    expect(result.authenticated).toBe(false);
    expect(result.status).toBe('server_rejected');
    expect(errors).toContain('auth failed');
    await waitFor(() => t!.sim.connections().trading === 0, 5000, 'the refused session to close');
    expect(states).not.toContain('waiting to reconnect');
    expect(stream.getState()).toBe('disconnected');
    stream.disconnect();
  });

  it('the data stream refuses terminally with 402', async () => {
    t = await startTestSimulator();
    const stream = sdkFor(t.sim, wrong).stockStream();
    stream.connect();
    const result = await stream.waitForAuthenticationResult(5000);
    expect(result.authenticated).toBe(false);
    expect(result.status).toBe('server_rejected');
    expect(result.code).toBe(402);
    stream.disconnect();
  });
});

describe('rotate_credentials fault', () => {
  it('refuses the old pair from the next request and login on, accepts the new one, and leaves open sockets alone', async () => {
    t = await startTestSimulator();
    const sim = t.sim;
    const open = await connectTradeUpdates(sim);
    const rotated = { keyId: 'PKROTATED1234', secret: 'rotated-secret-1234' };
    // The pair before the rotation (sim.credentials is the live object the rotation changes).
    const old = { keyId: sim.credentials.key, secret: sim.credentials.secret };
    await control(sim).faults({
      kind: 'rotate_credentials',
      key: rotated.keyId,
      secret: rotated.secret,
    });
    try {
      await expect(sdkFor(sim, old).alpaca.trading.account.getAccount()).rejects.toBeInstanceOf(
        AuthError,
      );
      await expect(control(sim, { key: old.keyId, secret: old.secret }).state()).rejects.toThrow(
        '-> 401',
      );
      expect(await sdkFor(sim, rotated).alpaca.trading.account.getAccount()).toMatchObject({
        status: 'ACTIVE',
      });
      expect(
        (await control(sim, { key: rotated.keyId, secret: rotated.secret }).state()).positions,
      ).toEqual([]);
      const oldLogin = sdkFor(sim, { keyId: TEST_KEY, secret: TEST_SECRET }).tradingStream();
      oldLogin.connect();
      expect(await oldLogin.waitForAuthenticationResult(5000)).toMatchObject({
        authenticated: false,
        status: 'server_rejected',
      });
      oldLogin.disconnect();
      const oldData = sdkFor(sim, old).stockStream();
      oldData.connect();
      expect(await oldData.waitForAuthenticationResult(5000)).toMatchObject({
        authenticated: false,
        code: 402,
      });
      oldData.disconnect();
      expect(open.stream.getState()).toBe('authenticated');
    } finally {
      open.close();
    }
  });
});

describe('rate limit', () => {
  it('counts requests per key per minute and answers 429 over the limit', async () => {
    t = await startTestSimulator({ rateLimitPerMinute: 3 });
    const { alpaca } = sdkFor(t.sim);
    const first = await withResponse(alpaca.trading.account.getAccountRaw());
    expect(first.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
    expect(first.rateLimit?.reset).toBeInstanceOf(Date);
    await alpaca.trading.clock.legacyClock();
    await alpaca.trading.clock.legacyClock();
    const e = await alpaca.trading.account.getAccount().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).code).toBe(42910000);
    expect((e as RateLimitError).rateLimit?.remaining).toBe(0);
  });
});
