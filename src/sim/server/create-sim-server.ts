/**
 * @module The simulator's one HTTP server on 127.0.0.1: trading REST, market-data REST (delegated), the control
 * API, and WebSocket upgrades routed by path (`/stream` trading, `/v2/*` market data). Auth, rate-limit
 * headers, request ids and the error envelope are applied here for every route.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../domain/ports.ts';
import { SimRejection } from '../contracts.ts';
import { controlRoutes, type FaultTargets } from './control-routes.ts';
import { HttpError } from './http-error.ts';
import { createRateLimiter, rateLimitHeaders } from './rate-limiter.ts';
import type { RestRequest, RestResult, TradingDeps } from './rest-types.ts';
import type { SimSocket, SocketRequest } from './sim-socket.ts';
import { tradingRoutes } from './trading-routes.ts';
import type { UpdateDelivery } from './update-delivery.ts';

/** What the server needs from a WebSocket endpoint (the trading stream and the market helper's data stream). */
export interface StreamEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  accept(ws: SimSocket, req: SocketRequest): boolean;
  closeAll(): void;
  refuseFor(ms: number): void;
  connections(): number;
}

export interface SimServerOptions {
  readonly deps: TradingDeps;
  readonly credentials: { readonly key: string; readonly secret: string };
  readonly port: number;
  readonly tradingStream: StreamEndpoint;
  readonly dataStream?: StreamEndpoint;
  /** Market-data REST, bound to its deps; undefined when the path is not market data. */
  readonly marketDataRest?: (req: { method: string; url: string }) => RestResult | undefined;
  /** Holds trade updates while a REST response is written. */
  readonly delivery: Pick<UpdateDelivery<unknown>, 'hold' | 'close'>;
  readonly faults: FaultTargets;
  /** Requests per key per wall minute (Alpaca: 200). */
  readonly rateLimitPerMinute: number;
  readonly log: Logger;
}

export interface SimServer {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;
const isDataPath = (path: string): boolean =>
  path.startsWith('/v2/stocks') || path.startsWith('/v1beta') || path.startsWith('/v1/');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new HttpError(413, 41310000, 'request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function route(o: SimServerOptions, req: RestRequest, rawUrl: string): RestResult {
  const result =
    controlRoutes(req, o.deps, o.faults) ??
    tradingRoutes(req, o.deps) ??
    o.marketDataRest?.({ method: req.method, url: rawUrl });
  if (result) return result;
  throw new HttpError(404, 40410000, `endpoint not found: ${req.method} ${req.path}`);
}

function errorResult(e: unknown, log: Logger, path: string): RestResult {
  if (e instanceof HttpError || e instanceof SimRejection)
    return { status: e.status, body: { code: e.code, message: e.message } };
  log.error(
    { err: e instanceof Error ? (e.stack ?? e.message) : String(e), path },
    'simulator request failed',
  );
  return { status: 500, body: { code: 50010000, message: 'internal server error' } };
}

/** A REST request as any transport carries it: the HTTP server's, or the in-process wire's. */
export interface WireRequest {
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  /** A header's value by lower-case name. */
  header(name: string): string | undefined;
  readonly body: string;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Answers one request: auth, rate limit, routing and the error envelope, independent of the transport. */
export function createRestAnswer(o: SimServerOptions): (req: WireRequest) => WireResponse {
  const limiter = createRateLimiter(o.rateLimitPerMinute);
  return (req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    const key = req.header('apca-api-key-id');
    const decision = limiter.take(
      `${isDataPath(path) ? 'data' : 'trading'}:${key ?? ''}`,
      !path.startsWith('/sim'),
    );
    const headers: Record<string, string> = {
      'X-Request-ID': randomUUID(),
      ...rateLimitHeaders(decision),
    };
    let result: RestResult;
    try {
      if (req.body.length > MAX_BODY) throw new HttpError(413, 41310000, 'request body too large');
      if (key !== o.credentials.key || req.header('apca-api-secret-key') !== o.credentials.secret) {
        result = { status: 401, body: { code: 40110000, message: 'request is not authorized' } };
      } else if (!decision.allowed) {
        headers['Retry-After'] = String(Math.max(1, Math.ceil(decision.reset - Date.now() / 1000)));
        result = { status: 429, body: { code: 42910000, message: 'too many requests' } };
      } else {
        const rest: RestRequest = {
          method: req.method.toUpperCase(),
          path,
          query: url.searchParams,
          json() {
            if (req.body.trim() === '') return undefined;
            try {
              return JSON.parse(req.body) as unknown;
            } catch {
              throw new HttpError(400, 40010000, 'request body format is invalid');
            }
          },
        };
        result = route(o, rest, req.url);
      }
    } catch (e) {
      result = errorResult(e, o.log, path);
    }
    const body =
      result.body === undefined
        ? ''
        : typeof result.body === 'string'
          ? result.body
          : JSON.stringify(result.body);
    if (body !== '') headers['Content-Type'] = 'application/json; charset=UTF-8';
    return { status: result.status, headers: { ...headers, ...result.headers }, body };
  };
}

async function handle(
  o: SimServerOptions,
  answer: (req: WireRequest) => WireResponse,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const release = o.delivery.hold();
  res.on('close', release);
  let raw = '';
  try {
    raw = await readBody(req);
  } catch (e) {
    const r = errorResult(e, o.log, req.url ?? '/');
    const body = JSON.stringify(r.body);
    res.writeHead(r.status, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': String(Buffer.byteLength(body)),
    });
    res.end(body);
    return;
  }
  const out = answer({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    header: (name) => header(req, name),
    body: raw,
  });
  res.writeHead(out.status, {
    ...out.headers,
    'Content-Length': String(Buffer.byteLength(out.body)),
  });
  res.end(out.body);
}

function routeUpgrade(
  o: SimServerOptions,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): void {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/stream') o.tradingStream.handleUpgrade(req, socket, head);
  else if (path.startsWith('/v2/') && o.dataStream) o.dataStream.handleUpgrade(req, socket, head);
  else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

/** Starts listening on 127.0.0.1; resolves once the port is bound. */
export function createSimServer(
  o: SimServerOptions,
  answer: (req: WireRequest) => WireResponse = createRestAnswer(o),
): Promise<SimServer> {
  const server: Server = createServer((req, res) => {
    handle(o, answer, req, res).catch((e: unknown) => {
      o.log.error({ err: String(e) }, 'simulator response failed');
      res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    routeUpgrade(o, req, socket, head);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            o.delivery.close();
            o.tradingStream.closeAll();
            o.dataStream?.closeAll();
            server.close(() => {
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
