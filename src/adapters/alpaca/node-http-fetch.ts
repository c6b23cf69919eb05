/**
 * @module The SDK's `fetchApi`: node:http(s) over keep-alive agents instead of the global fetch (undici). A
 * protective order is one small POST that must leave at once: node:http writes it in the same turn of the event
 * loop (undici needs several, and costs about 0.3 ms more per request on loopback, measured in bench/).
 * This client owns the request deadline (`timeoutMs`, request start to the last body byte), so the SDK runs
 * without its own: no AbortController, timer and web-stream body reader per call. A 2xx body is handed over
 * already read (json()/text() answer from memory); any other status keeps a real body stream, which the SDK's
 * error path reads. An AbortSignal passed in is honoured too. Redirects are refused, whatever is asked, so the key
 * headers never follow one. Network failures reject with a TypeError like fetch's (the SDK wraps it in its
 * FetchError); the deadline rejects with a TimeoutError DOMException, which the SDK reports as an abort.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface NodeHttpFetchOptions {
  /** Sockets per host; protection, exits and audits rarely overlap more than a few. */
  readonly maxSockets?: number;
  /** An idle socket is closed after this long, before a server's own keep-alive timeout (Node's 5 s) can race a request. */
  readonly idleMs?: number;
  /** The whole request, from start to the last byte of the answer; 0 = none. */
  readonly timeoutMs?: number;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/** A successful answer, read in full: the SDK's json()/text() take it from memory. */
class BufferedResponse extends Response {
  // Own properties: the DOM typings declare the readers as properties, and own ones shadow the prototype's.
  override readonly text: () => Promise<string>;
  override readonly json: () => Promise<unknown>;
  override readonly arrayBuffer: () => Promise<ArrayBuffer>;

  constructor(body: string, init: ResponseInit) {
    super(null, init);
    this.text = () => Promise.resolve(body);
    this.json = () =>
      new Promise((resolve) => {
        resolve(JSON.parse(body));
      });
    this.arrayBuffer = () => Promise.resolve(new TextEncoder().encode(body).buffer as ArrayBuffer);
  }
}

function headersOf(init: RequestInit): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const h = init.headers;
  if (h === undefined) return out;
  if (h instanceof Headers || Array.isArray(h)) for (const [k, v] of new Headers(h)) out[k] = v;
  else for (const [k, v] of Object.entries(h)) out[k] = typeof v === 'string' ? v : [...v];
  return out;
}

function bodyOf(init: RequestInit): string | Uint8Array | undefined {
  const b = init.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b === 'string' || b instanceof Uint8Array) return b;
  if (b instanceof URLSearchParams) return b.toString();
  throw new TypeError('node-http-fetch sends string, bytes or URLSearchParams bodies only');
}

function toResponse(res: IncomingMessage, body: Buffer): Response {
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
    headers.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
  const status = res.statusCode ?? 0;
  const init = { status, statusText: res.statusMessage ?? '', headers };
  if (NULL_BODY_STATUS.has(status)) return new Response(null, init);
  if (status >= 200 && status < 300) return new BufferedResponse(body.toString('utf8'), init);
  return new Response(body, init);
}

const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');

export function nodeHttpFetch(options: NodeHttpFetchOptions = {}): FetchLike {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 8,
    timeout: options.idleMs ?? 4_000,
    scheduling: 'lifo' as const,
  };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const timeoutMs = options.timeoutMs ?? 0;

  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted === true) {
        reject(abortReason(signal));
        return;
      }
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const body = bodyOf(init);
      const headers = headersOf(init);
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const req = (secure ? httpsRequest : httpRequest)(target, {
        method: init.method ?? 'GET',
        headers,
        agent: secure ? agents.https : agents.http,
      });
      const fail = (e: Error): void => {
        done();
        req.destroy();
        reject(e);
      };
      const onAbort = (): void => {
        if (signal !== undefined) fail(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              fail(
                new DOMException(`Request timed out after ${String(timeoutMs)} ms`, 'TimeoutError'),
              );
            }, timeoutMs)
          : undefined;
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      req.on('error', (e) => {
        fail(new TypeError('fetch failed', { cause: e }));
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          fail(new TypeError(`fetch failed: a redirect (HTTP ${String(status)}) is refused`));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => {
          fail(new TypeError('fetch failed', { cause: e }));
        });
        res.on('end', () => {
          done();
          resolve(
            toResponse(res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
          );
        });
      });
      req.end(body);
    });
}
