/**
 * @module Test support: a loopback gateway in front of the simulator's REST that forwards every request, except
 * the ones it is told to refuse: those get a 403 whose body echoes the request's headers (as a misconfigured
 * proxy or a verbose broker error does), raw, as JSON, URL-encoded and as the Basic credentials they amount to.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Refusal {
  readonly method: string;
  /** The request path without its query, e.g. `/v2/orders`. */
  readonly path: string;
}

export interface EchoGateway {
  readonly url: string;
  /** Refuses every request matching one of `refusals` until `refuse([])`. */
  refuse(refusals: readonly Refusal[]): void;
  close(): Promise<void>;
}

const header = (h: IncomingHttpHeaders, name: string): string => String(h[name] ?? '');

/** What the refusal says: the headers it got, in the forms a careless server writes them. */
export function echoOfHeaders(h: IncomingHttpHeaders): string {
  const key = header(h, 'apca-api-key-id');
  const secret = header(h, 'apca-api-secret-key');
  return [
    `request refused by the gateway; headers: APCA-API-KEY-ID: ${key} APCA-API-SECRET-KEY: ${secret}`,
    `as JSON ${JSON.stringify(h)}`,
    `replay: ?key_id=${encodeURIComponent(key)}&secret=${encodeURIComponent(secret)}`,
    `Authorization: Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
  ].join('; ');
}

export async function startEchoGateway(target: string): Promise<EchoGateway> {
  const upstream = new URL(target);
  let refusals: readonly Refusal[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (refusals.some((r) => r.method === req.method && r.path === path)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 40310000, message: echoOfHeaders(req.headers) }));
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refuse: (next) => {
      refusals = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
