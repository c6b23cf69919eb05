/**
 * @module The bare floor of the loopback benchmark: a raw `ws` server sends an event (binary frame, the size of a
 * simulator fill), a raw `ws` client parses it and answers with a raw HTTP POST (keep-alive, the size of the
 * protective OCO request) to a raw HTTP server whose reply is the size of the order it acknowledges. Measured
 * from the server's send to the end of the POST's response, as the simulated fill to the protective order's ack.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { latencyRecorder, type Latency } from './stats.ts';

export interface PayloadSizes {
  readonly eventBytes: number;
  readonly postBytes: number;
  readonly responseBytes: number;
}

/** A JSON text of exactly `bytes` bytes (ASCII), so both sides parse it as the real ones would. */
export const jsonOfSize = (bytes: number, kind: string): string => {
  const head = JSON.stringify({ kind, pad: '' });
  return JSON.stringify({ kind, pad: 'x'.repeat(Math.max(0, bytes - head.length)) });
};

/**
 * `http`: node:http with a keep-alive agent (the bare floor). `fetch`: Node's fetch (undici), the HTTP client the
 * official SDK uses, to show what the client alone costs.
 */
export async function measureFloor(
  iterations: number,
  sizes: PayloadSizes,
  client: 'http' | 'fetch' = 'http',
  warmup = 200,
): Promise<Latency> {
  const responseBody = jsonOfSize(sizes.responseBytes, 'order');
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(responseBody),
      });
      res.end(responseBody);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const httpPort = (http.address() as AddressInfo).port;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const wsPort = (wss.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const postBody = jsonOfSize(sizes.postBytes, 'oco');
  const event = Buffer.from(jsonOfSize(sizes.eventBytes, 'fill'));

  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}`);
  let done: (() => void) | undefined;
  const url = `http://127.0.0.1:${httpPort}/v2/orders`;
  const viaFetch = (): void => {
    void fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: postBody,
    })
      .then((res) => res.json())
      .then(() => done?.());
  };
  ws.on('message', (data: Buffer) => {
    JSON.parse(data.toString());
    if (client === 'fetch') {
      viaFetch();
      return;
    }
    const req = request(
      {
        host: '127.0.0.1',
        port: httpPort,
        method: 'POST',
        path: '/v2/orders',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(postBody),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          JSON.parse(body);
          done?.();
        });
      },
    );
    req.end(postBody);
  });
  const server = await new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  await new Promise<void>((resolve) => ws.once('open', resolve));

  const recorder = latencyRecorder(
    client === 'http'
      ? 'floor: raw ws event -> raw HTTP POST answered'
      : 'floor with fetch (undici) as the client',
  );
  for (let i = 0; i < warmup + iterations; i += 1) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      done = resolve;
      server.send(event, { binary: true });
    });
    if (i >= warmup) recorder.recordMs(performance.now() - t0);
  }
  ws.close();
  agent.destroy();
  await new Promise<void>((resolve) => {
    wss.close(() => {
      resolve();
    });
  });
  await new Promise<void>((resolve) =>
    http.close(() => {
      resolve();
    }),
  );
  return recorder.result();
}
