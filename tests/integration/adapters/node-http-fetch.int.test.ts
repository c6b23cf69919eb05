/**
 * The SDK's HTTP client (node:http over keep-alive) against real servers on 127.0.0.1: answers, errors, the
 * deadline, aborts, refused redirects, one reused socket; and through the broker adapter, how a lost answer to an
 * order is classified (ambiguous: resolved by client order id, never resent).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../../../src/adapters/alpaca/broker.ts';
import { nodeHttpFetch } from '../../../src/adapters/alpaca/node-http-fetch.ts';
import { price, qty } from '../../../src/domain/money.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];

async function serve(
  handler: Handler,
): Promise<{ url: string; connections: () => number; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push(req);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      handler(req, res, body);
    });
  });
  server.on('connection', () => (connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    connections: () => connections,
    requests,
  };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const json = (
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
};

describe('nodeHttpFetch', () => {
  it('sends method, headers and body, and answers with status, headers and JSON', async () => {
    const s = await serve((req, res, body) => {
      json(
        res,
        200,
        {
          method: req.method,
          key: req.headers['apca-api-key-id'],
          body: JSON.parse(body) as unknown,
        },
        { 'X-RateLimit-Remaining': '199' },
      );
    });
    const res = await nodeHttpFetch()(`${s.url}/v2/orders?x=1`, {
      method: 'POST',
      headers: { 'APCA-API-KEY-ID': 'PK1', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('199');
    expect(await res.json()).toEqual({ method: 'POST', key: 'PK1', body: { a: 1 } });
    expect(s.requests[0]?.url).toBe('/v2/orders?x=1');
  });

  it('keeps an error body readable as a stream, as the SDK reads it', async () => {
    const s = await serve((_req, res) => {
      json(res, 422, { code: 40010001, message: 'client_order_id must be unique' });
    });
    const res = await nodeHttpFetch()(s.url, { method: 'GET' });
    expect(res.status).toBe(422);
    const reader = res.body?.getReader();
    const chunk = await reader?.read();
    expect(new TextDecoder().decode(chunk?.value)).toContain('client_order_id must be unique');
  });

  it('answers 204 without a body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const res = await nodeHttpFetch()(s.url, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('reuses one keep-alive socket for sequential requests', async () => {
    const s = await serve((_req, res) => {
      json(res, 200, {});
    });
    const fetchApi = nodeHttpFetch();
    for (let i = 0; i < 5; i += 1) await (await fetchApi(s.url, { method: 'GET' })).json();
    expect(s.connections()).toBe(1);
  });

  it('lets a slow answer finish: the idle timeout closes only unused sockets', async () => {
    const s = await serve((_req, res) => {
      setTimeout(() => {
        json(res, 200, { late: true });
      }, 300);
    });
    const res = await nodeHttpFetch({ idleMs: 100 })(s.url, { method: 'GET' });
    expect(await res.json()).toEqual({ late: true });
  });

  it('rejects with a TimeoutError when the whole answer takes longer than the deadline', async () => {
    const s = await serve(() => undefined);
    const started = Date.now();
    await expect(nodeHttpFetch({ timeoutMs: 150 })(s.url, { method: 'GET' })).rejects.toMatchObject(
      { name: 'TimeoutError' },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('honours an abort signal', async () => {
    const s = await serve(() => undefined);
    const controller = new AbortController();
    const pending = nodeHttpFetch()(s.url, { method: 'GET', signal: controller.signal });
    controller.abort(new DOMException('stop', 'AbortError'));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a redirect, so the key headers never follow it', async () => {
    const target = await serve((_req, res) => {
      json(res, 200, {});
    });
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: `${target.url}/steal` });
      res.end();
    });
    await expect(
      nodeHttpFetch()(s.url, { method: 'GET', headers: { 'APCA-API-SECRET-KEY': 'secret' } }),
    ).rejects.toThrow(/redirect/);
    expect(target.requests).toHaveLength(0);
  });

  it('rejects a refused connection with a TypeError carrying the cause', async () => {
    const s = await serve(() => undefined);
    const url = s.url;
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    await expect(nodeHttpFetch()(url, { method: 'GET' })).rejects.toMatchObject({
      name: 'TypeError',
      cause: { code: 'ECONNREFUSED' },
    });
  });
});

describe('the broker adapter over it', () => {
  it('calls an order whose answer never comes ambiguous, and a read transient', async () => {
    const s = await serve(() => undefined);
    const broker = createAlpacaBroker({
      keyId: 'PKLOOPBACK',
      secretKey: 'loopback-secret',
      endpoint: s.url,
      dataEndpoint: s.url,
      timeoutMs: 200,
    });
    const order = {
      kind: 'SubmitOrder' as const,
      clientOrderId: 'c-1',
      symbol: 'KO',
      side: 'buy' as const,
      type: 'limit' as const,
      timeInForce: 'day' as const,
      qty: qty(1),
      limitPrice: price(1),
      reason: 'test',
    };
    await expect(broker.submitOrder(order)).rejects.toMatchObject({ kind: 'ambiguous' });
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await expect(broker.getAccount()).rejects.toMatchObject({ kind: 'transient' });
  });
});
