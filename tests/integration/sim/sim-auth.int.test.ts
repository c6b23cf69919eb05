/** Credentials and rate limits through the official SDK: REST 401, terminal trading/data stream refusals, 429 with headers. */
import { AuthError, RateLimitError, withResponse } from '@alpacahq/alpaca-trade-api';
import { afterEach, describe, expect, it } from 'vitest';
import { sdkFor, startTestSimulator, waitFor, type TestSimulator } from '../../support/sim.ts';

let t: TestSimulator | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const wrong = { keyId: 'PKWRONG', secret: 'nope' };

describe('bad credentials', () => {
  it('REST answers 401 (AuthError) with Alpaca\'s envelope', async () => {
    t = await startTestSimulator();
    const e = await sdkFor(t.sim, wrong).alpaca.trading.account.getAccount().then(() => undefined, (err: unknown) => err);
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

describe('rate limit', () => {
  it('counts requests per key per minute and answers 429 over the limit', async () => {
    t = await startTestSimulator({ rateLimitPerMinute: 3 });
    const { alpaca } = sdkFor(t.sim);
    const first = await withResponse(alpaca.trading.account.getAccountRaw());
    expect(first.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
    expect(first.rateLimit?.reset).toBeInstanceOf(Date);
    await alpaca.trading.clock.legacyClock();
    await alpaca.trading.clock.legacyClock();
    const e = await alpaca.trading.account.getAccount().then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).code).toBe(42910000);
    expect((e as RateLimitError).rateLimit?.remaining).toBe(0);
  });
});
