/**
 * The market-data adapter's one connection (Alpaca allows one per account), against a bare msgpack server on
 * 127.0.0.1: a trades subscriber and a bars subscriber share one socket, each channel subscribed with its symbols;
 * a `b` frame reaches only the bars subscriber of its symbol, a `t` frame only the trades one; a malformed bar is a
 * BadFrame; the socket closes with its last subscriber.
 */
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { BehaviorSubject, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createMarketFeed } from '../../../src/adapters/alpaca/market-feed.ts';
import { waitFor } from '../../support/sim.ts';

interface Frames {
  connections: number;
  open: number;
  subscribes: Array<Record<string, unknown>>;
  sockets: WebSocket[];
}

let server: WebSocketServer | undefined;
const subs: Subscription[] = [];
afterEach(async () => {
  for (const s of subs.splice(0)) s.unsubscribe();
  await new Promise<void>((resolve) => {
    server?.close(() => {
      resolve();
    });
  });
  server = undefined;
});

async function dataServer(frames: Frames): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    frames.connections += 1;
    frames.open += 1;
    frames.sockets.push(ws);
    ws.on('close', () => {
      frames.open -= 1;
    });
    ws.send(encode([{ T: 'success', msg: 'connected' }]));
    ws.on('message', (raw: Buffer) => {
      const m = decode(raw) as Record<string, unknown>;
      if (m['action'] === 'auth') ws.send(encode([{ T: 'success', msg: 'authenticated' }]));
      if (m['action'] === 'subscribe') {
        frames.subscribes.push(m);
        ws.send(encode([{ T: 'subscription', trades: m['trades'] ?? [], bars: m['bars'] ?? [] }]));
      }
    });
  });
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v2/iex`;
}

const minute = new Date('2024-05-01T14:00:00Z');

describe('market data stream: trades and minute bars over one connection', () => {
  it('one socket for both channels; each frame reaches its channel and symbol only', async () => {
    const frames: Frames = { connections: 0, open: 0, subscribes: [], sockets: [] };
    const feed = createMarketFeed({
      keyId: 'PKFEEDTEST0002',
      secretKey: 'feed-test-secret-0002',
      url: await dataServer(frames),
    });
    const trades: unknown[] = [];
    const bars: unknown[] = [];
    subs.push(
      feed
        .trades$(new BehaviorSubject<readonly string[]>(['AAPL']))
        .subscribe((e) => trades.push(e)),
    );
    subs.push(
      feed.bars$(new BehaviorSubject<readonly string[]>(['SPY'])).subscribe((e) => bars.push(e)),
    );
    await waitFor(
      () =>
        trades.some((e) => (e as { kind: string }).kind === 'FeedResynced') &&
        bars.some((e) => (e as { kind: string }).kind === 'FeedResynced'),
      5_000,
      'both subscribers connected',
    );
    await waitFor(
      () =>
        frames.subscribes.some((s) => (s['bars'] as string[] | undefined)?.includes('SPY')) &&
        frames.subscribes.some((s) => (s['trades'] as string[] | undefined)?.includes('AAPL')),
      5_000,
      'both channels subscribed',
    );
    expect(frames.connections).toBe(1);

    const ws = frames.sockets[0] as WebSocket;
    ws.send(
      encode([
        {
          T: 'b',
          S: 'SPY',
          o: 500,
          h: 501.5,
          l: 499.5,
          c: 501,
          v: 1200,
          t: minute,
          n: 10,
          vw: 500.6,
        },
        { T: 'b', S: 'QQQ', o: 400, h: 401, l: 399, c: 400, v: 10, t: minute, n: 1, vw: 400 },
        { T: 't', S: 'AAPL', i: 1, x: 'V', p: 170.25, s: 100, c: ['@'], z: 'C', t: minute },
        { T: 'b', S: 'SPY', o: 500, h: 499, l: 499.5, c: 501, v: 1, t: minute, n: 1, vw: 500 },
      ]),
    );
    await waitFor(
      () => bars.filter((e) => (e as { kind: string }).kind !== 'FeedResynced').length >= 2,
      5_000,
      'the bars',
    );
    await waitFor(
      () => trades.some((e) => (e as { kind: string }).kind === 'MarketTrade'),
      5_000,
      'the trade',
    );
    const got = bars.filter((e) => (e as { kind: string }).kind !== 'FeedResynced');
    expect(got[0]).toEqual({
      kind: 'MarketBar',
      symbol: 'SPY',
      bar: { ts: minute.getTime(), open: 500, high: 501.5, low: 499.5, close: 501, volume: 1200 },
    });
    expect(got[1]).toMatchObject({
      kind: 'BadFrame',
      feed: 'market',
      reason: 'bar low/high do not hold its open and close',
    });
    expect(got).toHaveLength(2);
    expect(trades.filter((e) => (e as { kind: string }).kind === 'MarketTrade')).toEqual([
      { kind: 'MarketTrade', symbol: 'AAPL', price: 170.25, size: 100, tsEvent: minute.getTime() },
    ]);

    for (const s of subs.splice(0)) s.unsubscribe();
    await waitFor(() => frames.open === 0, 5_000, 'the socket closed with its last subscriber');
    expect(frames.connections).toBe(1);
  });
});
