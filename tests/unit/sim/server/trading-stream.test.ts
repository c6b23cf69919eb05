import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createTradingStreamServer,
  tradeUpdateFrame,
  type TradingStreamServer,
} from '../../../../src/sim/server/trading-stream.ts';

let server: Server;
let stream: TradingStreamServer;
let url: string;
const sockets: WebSocket[] = [];

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function start(textFrames = false): Promise<void> {
  stream = createTradingStreamServer({ credentials: { key: 'K', secret: 'S' }, textFrames });
  server = createServer();
  server.on('upgrade', (req, socket, head) => {
    stream.handleUpgrade(req, socket, head);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
      resolve();
    }),
  );
}

interface Client {
  ws: WebSocket;
  frames: unknown[];
  binary: boolean[];
  closed: () => boolean;
}
async function connect(): Promise<Client> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const frames: unknown[] = [];
  const binary: boolean[] = [];
  let closed = false;
  ws.on('message', (data, isBinary) => {
    frames.push(JSON.parse((data as Buffer).toString('utf8')));
    binary.push(isBinary);
  });
  ws.on('close', () => {
    closed = true;
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames, binary, closed: () => closed };
}

beforeEach(async () => start());
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  stream.closeAll();
  await new Promise((r) => server.close(r));
});

describe('trading stream', () => {
  it('authorizes, acknowledges listen idempotently and broadcasts in binary frames', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ action: 'authenticate', data: { key_id: 'K', secret_key: 'S' } }));
    c.ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
    c.ws.send(
      JSON.stringify({ action: 'listen', data: { streams: ['trade_updates', 'account_updates'] } }),
    );
    await until(() => c.frames.length === 3);
    expect(c.frames).toEqual([
      { stream: 'authorization', data: { action: 'authenticate', status: 'authorized' } },
      { stream: 'listening', data: { streams: ['trade_updates'] } },
      { stream: 'listening', data: { streams: ['trade_updates'] } },
    ]);
    stream.broadcast(tradeUpdateFrame({ event: 'new' }));
    await until(() => c.frames.length === 4);
    expect(c.frames[3]).toEqual({ stream: 'trade_updates', data: { event: 'new' } });
    expect(c.binary.every(Boolean)).toBe(true);
  });

  it('accepts the {action:"auth"} form and stops sending after an empty listen', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ action: 'auth', key: 'K', secret: 'S' }));
    c.ws.send(JSON.stringify({ action: 'listen', data: { streams: [] } }));
    await until(() => c.frames.length === 2);
    expect(c.frames[1]).toEqual({ stream: 'listening', data: { streams: [] } });
    stream.broadcast(tradeUpdateFrame({ event: 'new' }));
    await new Promise((r) => setTimeout(r, 30));
    expect(c.frames).toHaveLength(2);
  });

  it('refuses listen before auth and closes on bad credentials', async () => {
    const c = await connect();
    c.ws.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
    await until(() => c.frames.length === 1);
    expect(c.frames[0]).toEqual({
      stream: 'authorization',
      data: { action: 'listen', status: 'unauthorized' },
    });
    c.ws.send(
      JSON.stringify({ action: 'authenticate', data: { key_id: 'K', secret_key: 'wrong' } }),
    );
    await until(() => c.closed());
    expect(c.frames[1]).toMatchObject({
      stream: 'authorization',
      data: { action: 'authenticate', status: 'unauthorized' },
    });
  });

  it('drops every session and refuses upgrades for a while', async () => {
    const c = await connect();
    expect(stream.connections()).toBe(1);
    stream.closeAll();
    stream.refuseFor(200);
    await until(() => c.closed() && stream.connections() === 0);
    const refused = new WebSocket(url);
    sockets.push(refused);
    const status = await new Promise<number>((resolve) => {
      refused.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
      });
      refused.on('error', () => {
        resolve(-1);
      });
    });
    expect(status).toBe(503);
    // Reconnect attempts keep being refused until the window ends, then one opens.
    const deadline = Date.now() + 2000;
    let opened: Client | undefined;
    while (!opened && Date.now() < deadline) {
      opened = await connect().catch(() => undefined);
      if (!opened) await new Promise((r) => setTimeout(r, 10));
    }
    expect(opened?.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('answers malformed frames with an error frame', async () => {
    const c = await connect();
    c.ws.send('not json');
    await until(() => c.frames.length === 1);
    expect(c.frames[0]).toEqual({ action: 'error', data: { error_message: 'invalid syntax' } });
  });
});

describe('trading stream, text frames', () => {
  it('sends text frames when asked', async () => {
    stream.closeAll();
    await new Promise((r) => server.close(r));
    await start(true);
    const c = await connect();
    c.ws.send(JSON.stringify({ action: 'authenticate', data: { key_id: 'K', secret_key: 'S' } }));
    await until(() => c.frames.length === 1);
    expect(c.binary).toEqual([false]);
  });
});
