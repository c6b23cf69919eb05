/**
 * @module The simulator without sockets: a `fetchApi` and a `wsFactory` for the official SDK that reach the
 * simulator's own REST answer and stream servers inside the process. Each hop waits `latencyMs` on the timers,
 * so under fake timers a whole trading day runs in virtual time through the real SDK, adapter and simulator.
 * Taps let a test rewrite answers and frames (the chaos suite's faults); by default everything passes.
 */
import type { WireRequest, WireResponse } from '../server/create-sim-server.ts';
import type { SimSocket, SocketRequest } from '../server/sim-socket.ts';
import { MemoryClientSocket, type FrameTap } from './memory-socket.ts';

/** What the simulator exposes to an in-process transport. */
export interface SimWire {
  answer(req: WireRequest): WireResponse;
  /** Holds trade updates until the release is called (the answer leaves first, as over HTTP). */
  hold(): () => void;
  accept(socket: SimSocket, req: SocketRequest): boolean;
}

/** One REST exchange as a tap sees it: answer it (`forward`), replace the answer, or let the client time out. */
export type RestTap = (req: WireRequest, forward: () => WireResponse) => WireResponse | 'timeout';

export interface InProcessWireOptions {
  /** One-way latency of every request, answer and frame (default 1 ms). */
  readonly latencyMs?: number;
  /** A request nobody answers fails after this long, as the HTTP client's deadline would (default 15 s). */
  readonly timeoutMs?: number;
  readonly rest?: RestTap;
  /** Frames the server sends on a path (`/stream`, `/v2/iex`). */
  readonly frames?: (path: string) => FrameTap | undefined;
}

export type InProcessFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface InProcessWire {
  readonly fetchApi: InProcessFetch;
  readonly wsFactory: (url: string, codec: string) => MemoryClientSocket;
}

const NULL_BODY = new Set([101, 204, 205, 304]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function requestOf(url: string, init: RequestInit | undefined): WireRequest {
  const u = new URL(url);
  const headers = new Headers(init?.headers);
  const body = init?.body;
  return {
    method: init?.method ?? 'GET',
    url: `${u.pathname}${u.search}`,
    header: (name) => headers.get(name) ?? undefined,
    body: typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : '',
  };
}

export function inProcessWire(sim: SimWire, options: InProcessWireOptions = {}): InProcessWire {
  const latencyMs = options.latencyMs ?? 1;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetchApi: InProcessFetch = async (url, init) => {
    const req = requestOf(url, init);
    await sleep(latencyMs);
    const release = sim.hold();
    let res: WireResponse | 'timeout';
    try {
      res = options.rest === undefined ? sim.answer(req) : options.rest(req, () => sim.answer(req));
    } finally {
      release();
    }
    if (res === 'timeout') {
      await sleep(timeoutMs);
      throw new DOMException(`Request timed out after ${String(timeoutMs)} ms`, 'TimeoutError');
    }
    await sleep(latencyMs);
    return new Response(NULL_BODY.has(res.status) ? null : res.body, {
      status: res.status,
      headers: res.headers,
    });
  };
  const wsFactory = (url: string, codec: string): MemoryClientSocket => {
    const path = new URL(url).pathname;
    const socket = new MemoryClientSocket(latencyMs, options.frames?.(path));
    const headers: Record<string, string> =
      codec === 'msgpack' ? { 'content-type': 'application/msgpack' } : {};
    setTimeout(() => {
      socket.settle(sim.accept(socket.server, { path, headers }));
    }, latencyMs);
    return socket;
  };
  return { fetchApi, wsFactory };
}
