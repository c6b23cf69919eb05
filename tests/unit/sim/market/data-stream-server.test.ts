/**
 * The data stream server mounted on a bare http server (real sockets): auth timeout (404), refusing upgrades (503),
 * closeAll, unknown paths, connection counting, and the msgpack codec with timestamp extensions.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode } from '@msgpack/msgpack';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { createSyntheticMarket } from '../../../../src/sim/market/synthetic-market.ts';
import {
  createDataStreamServer,
  type DataStreamServer,
} from '../../../../src/sim/server/market-data/data-stream-server.ts';

const credentials = { key: 'k', secret: 's' };
const market = createSyntheticMarket({ seed: 2, symbols: ['AAPL', 'JPM'] });
const exchange = createExchange({
  market,
  cash: 100_000,
  startTs: Date.parse('2024-05-01T14:00:00Z'),
  seed: 2,
  spreadBps: 2,
  partialFillRate: 0,
});
let server: Server;
let streams: DataStreamServer;
/** A second server with a short auth timeout, reached with `?short` (the main one keeps the 10 s default). */
let hasty: DataStreamServer;
let base: string;

beforeAll(async () => {
  streams = createDataStreamServer({ exchange, market, credentials });
  hasty = createDataStreamServer({ exchange, market, credentials, authTimeoutMs: 100 });
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    (req.url?.endsWith('?short') ? hasty : streams).handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  streams.closeAll();
  hasty.closeAll();
  await new Promise((resolve) => server.close(resolve));
});

async function until<T>(f: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function client(path = '/v2/iex', msgpack = true) {
  const ws = new WebSocket(
    `${base}${path}`,
    msgpack ? { headers: { 'Content-Type': 'application/msgpack' } } : {},
  );
  const frames: Array<Record<string, unknown>> = [];
  let closed = false;
  let failed: string | undefined;
  ws.on('message', (data: Buffer) => {
    frames.push(
      ...((msgpack ? decode(data) : JSON.parse(data.toString('utf8'))) as Array<
        Record<string, unknown>
      >),
    );
  });
  ws.on('close', () => {
    closed = true;
  });
  ws.on('unexpected-response', (_req, res) => {
    failed = String(res.statusCode);
    ws.terminate();
  });
  ws.on('error', () => undefined);
  return {
    ws,
    frames,
    closed: () => closed,
    failed: () => failed,
    send: (o: unknown) => {
      ws.send(msgpack ? encode(o) : JSON.stringify(o));
    },
  };
}

describe('createDataStreamServer', () => {
  it('closes a connection that does not authenticate in time with 404 auth timeout', async () => {
    const c = client('/v2/iex?short');
    await until(() => (c.closed() ? true : undefined), 'the close');
    expect(c.frames).toEqual([
      { T: 'success', msg: 'connected' },
      { T: 'error', code: 404, msg: 'auth timeout' },
    ]);
  });

  it('sends msgpack frames with Date timestamps (timestamp extension) and the listing tape', async () => {
    const c = client();
    await until(() => c.frames.find((f) => f.msg === 'connected'), 'connected');
    c.send({ action: 'auth', key: 'k', secret: 's' });
    await until(() => c.frames.find((f) => f.msg === 'authenticated'), 'authenticated');
    c.send({ action: 'subscribe', trades: ['JPM'], quotes: ['JPM'] });
    await until(() => c.frames.find((f) => f.T === 'subscription'), 'subscription');
    expect(streams.connections()).toBe(1);
    exchange.printTrade('JPM', 199.5, 10);
    const trade = await until(() => c.frames.find((f) => f.T === 't'), 'a trade');
    expect(trade).toMatchObject({ S: 'JPM', p: 199.5, s: 10, z: 'A' });
    expect(trade.t).toBeInstanceOf(Date);
    expect((trade.t as Date).toISOString()).toBe('2024-05-01T14:00:00.000Z');
    c.ws.close();
    await until(() => (streams.connections() === 0 ? true : undefined), 'no connections');
  });

  it('refuses upgrades with 503 while refusing, 404 on unknown paths, and closeAll terminates sockets', async () => {
    const a = client('/v2/sip');
    await until(() => a.frames.find((f) => f.msg === 'connected'), 'connected');
    streams.closeAll();
    await until(() => (a.closed() ? true : undefined), 'terminated');
    streams.refuseFor(10_000);
    const refused = client();
    expect(await until(() => refused.failed(), 'the refusal')).toBe('503');
    streams.refuseFor(0);
    const wrong = client('/v2/nope');
    expect(await until(() => wrong.failed(), 'the 404')).toBe('404');
  });
});
