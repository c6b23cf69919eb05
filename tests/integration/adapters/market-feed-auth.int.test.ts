/**
 * The market-data adapter's login outcomes, from a bare msgpack server on 127.0.0.1 answering the SDK's auth
 * frame with Alpaca's error codes: 401 and 402 refuse the credentials (terminal, kind auth); 404 is a login
 * timeout (kind transient: the feed's retry connects again).
 */
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { BehaviorSubject, firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createMarketFeed } from '../../../src/adapters/alpaca/market-feed.ts';

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => {
      resolve();
    });
  });
  server = undefined;
});

/** A data stream that answers every login with `[{T:'error', code, msg}]`. */
async function refusingServer(code: number, msg: string): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.send(encode([{ T: 'success', msg: 'connected' }]));
    ws.on('message', (raw: Buffer) => {
      if ((decode(raw) as { action?: string }).action === 'auth')
        ws.send(encode([{ T: 'error', code, msg }]));
    });
  });
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v2/iex`;
}

const firstError = async (url: string): Promise<unknown> => {
  const feed = createMarketFeed({
    keyId: 'PKFEEDTEST0001',
    secretKey: 'feed-test-secret-0001',
    url,
  });
  return firstValueFrom(feed.trades$(new BehaviorSubject<readonly string[]>(['AAPL']))).then(
    () => undefined,
    (e: unknown) => e,
  );
};

describe('market data stream login', () => {
  it.each([
    [402, 'auth failed'],
    [401, 'not authenticated'],
  ])('%i (%s) refuses the credentials: kind auth', async (code, msg) => {
    expect(await firstError(await refusingServer(code, msg))).toMatchObject({
      kind: 'auth',
      message: `market data stream refused the credentials (${msg})`,
    });
  });

  it('404 (auth timeout) is a slow login, not a refusal: kind transient', async () => {
    expect(await firstError(await refusingServer(404, 'auth timeout'))).toMatchObject({
      kind: 'transient',
      message: 'market data stream login timed out (auth timeout)',
    });
  });
});
